"""The report looks 30, 90 or 365 days ahead (30 unless chosen), and filters by status."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.editorial.review_dates import REPORT, RESULTS, TODAY, days
from tests.factories import PersonFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def pages(treatment_index):
    reviewer = PersonFactory()

    def treatment(title, due):
        return TreatmentPageFactory(
            parent=treatment_index,
            title=title,
            last_reviewed=due - datetime.timedelta(days=365),
            next_review_due=due,
            reviewer=reviewer,
        )

    never = treatment("Never reviewed page", days(200))
    type(never).objects.filter(pk=never.pk).update(
        last_reviewed=None, next_review_due=None, reviewer=None
    )
    return [
        treatment("Overdue page", days(-2)),
        treatment("Due in 20 days", days(20)),
        treatment("Due in 60 days", days(60)),
        treatment("Due in 200 days", days(200)),
        treatment("Due in 400 days", days(400)),
        never,
    ]


def titles(html):
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r'<td class="title">.*?</td>', body, re.S)
    ]


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        ({}, ["Never reviewed page", "Overdue page", "Due in 20 days"]),
        ({"within": "30"}, ["Never reviewed page", "Overdue page", "Due in 20 days"]),
        (
            {"within": "90"},
            ["Never reviewed page", "Overdue page", "Due in 20 days", "Due in 60 days"],
        ),
        (
            {"within": "365"},
            [
                "Never reviewed page",
                "Overdue page",
                "Due in 20 days",
                "Due in 60 days",
                "Due in 200 days",
            ],
        ),
        # Anything else is the default, not an error.
        ({"within": "7"}, ["Never reviewed page", "Overdue page", "Due in 20 days"]),
        ({"within": "lots"}, ["Never reviewed page", "Overdue page", "Due in 20 days"]),
    ],
)
def test_the_horizon_chooses_how_far_ahead_the_report_looks(
    client, reviewer, pages, within, expected
):
    client.force_login(reviewer)
    response = client.get(reverse(REPORT), within)
    assert response.status_code == 200
    assert titles(response.content.decode()) == expected


def test_the_report_offers_the_three_horizons_with_30_days_chosen(client, reviewer, pages):
    client.force_login(reviewer)
    html = client.get(reverse(REPORT), {"within": "nonsense"}).content.decode()
    options = re.findall(r'<input type="radio" name="within" value="(\d+)"[^>]*>', html)
    assert options == ["30", "90", "365"]
    assert re.search(r'name="within" value="30"[^>]*checked', html)
    assert (
        "Live health pages never reviewed, overdue, or due for clinical review within 30 days."
        in html
    )
    report = reverse(REPORT)
    assert f'<a href="{report}?within=90">90 days</a>' in html
    assert f'<a href="{report}?within=365">365 days</a>' in html
    assert '<strong aria-current="true">30 days</strong>' in html


def test_the_horizon_links_keep_the_status(client, reviewer, pages):
    client.force_login(reviewer)
    html = client.get(reverse(REPORT), {"within": "90", "status": "soon"}).content.decode()
    assert f'<a href="{reverse(REPORT)}?within=365&amp;status=soon">365 days</a>' in html
    html = client.get(reverse(REPORT), {"status": "overdue"}).content.decode()
    assert "Look ahead" not in html  # overdue pages do not depend on the horizon


def test_the_results_fragment_follows_the_horizon_too(client, reviewer, pages):
    client.force_login(reviewer)
    html = client.get(reverse(RESULTS), {"within": "90"}).content.decode()
    assert "Due in 60 days" in html and "Due in 200 days" not in html
    assert "within 90 days" in html


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("never", ["Never reviewed page"]),
        ("overdue", ["Overdue page"]),
        ("soon", ["Due in 20 days"]),
        ("bogus", ["Never reviewed page", "Overdue page", "Due in 20 days"]),
    ],
)
def test_the_status_filter_shows_one_kind_of_row(client, reviewer, pages, status, expected):
    client.force_login(reviewer)
    response = client.get(reverse(REPORT), {"within": "30", "status": status})
    assert response.status_code == 200
    assert titles(response.content.decode()) == expected


@pytest.mark.parametrize("within", ["30", "90", "365"])
def test_the_no_results_message_names_the_horizon(client, reviewer, treatment_index, within):
    TreatmentPageFactory(parent=treatment_index, last_reviewed=TODAY, next_review_due=days(366))
    client.force_login(reviewer)
    html = client.get(reverse(REPORT), {"within": within}).content.decode()
    assert f"No page is overdue or due for review within {within} days" in html
    assert "every live health page has a recorded clinical review" in html


def test_the_export_follows_the_horizon(client, reviewer, pages):
    client.force_login(reviewer)
    response = client.get(reverse(REPORT), {"within": "365", "export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "Due in 200 days" in content and "Due in 400 days" not in content
    assert "Never reviewed page" in content


def test_the_command_looks_further_ahead_with_days(pages, capsys):
    with pytest.raises(SystemExit):
        call_command("pages_due_for_review", "--days", "90")
    out = capsys.readouterr().out
    assert "Due in 60 days" in out and "Due in 200 days" not in out
    assert "4 due for review, 1 overdue, 1 never reviewed." in out
