"""The 'Pages due for review' report and command list the pages due within 30 days."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from clinic.editorial.due_for_review import pages_due_for_review, review_page_models
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.editorial.review_dates import TODAY, days
from tests.factories import PersonFactory
from tests.treatments.factories import TreatmentPageFactory
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_pages(home_page, treatment_index):
    okafor = PersonFactory(name="Dr. Amara Okafor", credentials="MD, psychiatrist")

    def treatment(title, due, **kwargs):
        return TreatmentPageFactory(
            parent=treatment_index,
            title=title,
            last_reviewed=due - datetime.timedelta(days=365),
            next_review_due=due,
            reviewer=okafor,
            **kwargs,
        )

    articles = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=articles,
        title="Sleep and mood",
        last_reviewed=days(-400),
        next_review_due=days(-5),
        reviewer=okafor,
    )
    return {
        "overdue": treatment("Overdue infusion page", days(-1)),
        "today": treatment("Due today page", days(0)),
        "soon": treatment("Due in thirty days page", days(30)),
        "later": treatment("Due in thirty-one days page", days(31)),
        "draft": treatment("Overdue draft page", days(-10), live=False),
        "article": article,
    }


def test_review_models_are_discovered_without_importing_apps():
    names = {model.__name__ for model in review_page_models()}
    assert {"TreatmentPage", "ArticlePage"} <= names


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False)
def test_due_pages_are_the_live_ones_past_or_within_thirty_days(due_pages):
    due = pages_due_for_review()
    assert [row.title for row in due] == [
        "Sleep and mood",
        "Overdue infusion page",
        "Due today page",
        "Due in thirty days page",
    ]
    assert [row.overdue for row in due] == [True, True, False, False]
    assert all(row.reviewer_name == "Dr. Amara Okafor, MD, psychiatrist" for row in due)


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False)
def test_report_lists_due_pages_with_reviewer_and_date(client, reviewer, due_pages):
    client.force_login(reviewer)
    response = client.get(reverse("treatments_reports:pages_due_for_review"))
    html = response.content.decode()
    assert response.status_code == 200
    for key in ("overdue", "today", "soon", "article"):
        assert due_pages[key].title in html
        assert reverse("wagtailadmin_pages:edit", args=[due_pages[key].pk]) in html
    assert "Due in thirty-one days page" not in html
    assert "Overdue draft page" not in html
    assert "Dr. Amara Okafor, MD, psychiatrist" in html
    assert "Overdue" in html and "Due soon" in html
    assert "31 May 2026 (1 day ago)" in html
    assert "1 June 2026 (today)" in html
    assert "1 July 2026 (in 30 days)" in html


def test_report_is_in_the_reports_menu(client, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("treatments_reports:pages_due_for_review") in html


def test_report_is_not_open_to_booking_managers(client, booking_manager):
    client.force_login(booking_manager)
    response = client.get(reverse("treatments_reports:pages_due_for_review"))
    assert response.status_code in (302, 403)


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False)
def test_command_prints_the_due_pages_and_exits_1_when_any_is_overdue(due_pages, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("pages_due_for_review")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "reviewer:" in line]
    assert len(lines) == 4
    assert lines[0].startswith("OVERDUE") and "Sleep and mood" in lines[0]
    assert lines[1].startswith("OVERDUE") and "Overdue infusion page" in lines[1]
    assert lines[2].startswith("DUE SOON") and "2026-06-01" in lines[2]
    assert lines[3].startswith("DUE SOON") and "Due in thirty days page" in lines[3]
    assert "Dr. Amara Okafor, MD, psychiatrist" in lines[0]
    assert "thirty-one" not in out and "draft" not in out
    assert "4 due for review, 2 overdue, 0 never reviewed." in out


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False)
def test_command_exits_0_when_pages_are_due_soon_but_none_overdue(treatment_index, capsys):
    TreatmentPageFactory(
        parent=treatment_index,
        title="Soon page",
        last_reviewed=days(-300),
        next_review_due=days(10),
    )
    call_command("pages_due_for_review")
    assert "Soon page" in capsys.readouterr().out


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False)
def test_command_says_so_when_nothing_is_due(treatment_index, capsys):
    TreatmentPageFactory(parent=treatment_index, last_reviewed=TODAY, next_review_due=days(365))
    call_command("pages_due_for_review")
    assert "No page is overdue" in capsys.readouterr().out
    assert TreatmentPage.objects.count() == 1


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False)
def test_dashboard_reminds_reviewers_of_pages_due(client, reviewer, booking_manager, due_pages):
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="due-for-review-heading"' in html
    assert "<strong>2</strong> overdue</a>" in html  # the infusion page and the article
    assert "<strong>2</strong> due within 30 days</a>" in html  # today, and in thirty days

    client.force_login(booking_manager)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="due-for-review-heading"' not in html


def test_dashboard_says_nothing_when_nothing_is_due(client, reviewer, treatment_index):
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="due-for-review-heading"' not in html
