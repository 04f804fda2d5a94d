"""Live health pages never clinically reviewed come first in the report, export and command."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from clinic.editorial.due_for_review import NEVER_REVIEWED, pages_due_for_review
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.editorial.review_dates import REPORT, days, forget_review, reviewed
from tests.factories import PersonFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def pages(home_page, treatment_index):
    okafor = PersonFactory(name="Dr. Amara Okafor", credentials="MD, psychiatrist")
    articles = ArticleIndexPageFactory(parent=home_page)
    made = {
        "soon": TreatmentPageFactory(
            parent=treatment_index, title="Due soon page", **reviewed(days(10), okafor)
        ),
        "overdue": TreatmentPageFactory(
            parent=treatment_index, title="Overdue page", **reviewed(days(-3), okafor)
        ),
        "never_article": ArticlePageFactory(
            parent=articles, title="Unreviewed article", **reviewed(days(200), okafor)
        ),
        "never_treatment": TreatmentPageFactory(
            parent=treatment_index, title="Another unreviewed page", **reviewed(days(200), okafor)
        ),
        "never_draft": TreatmentPageFactory(
            parent=treatment_index,
            title="Unreviewed draft",
            live=False,
            **reviewed(days(200), okafor),
        ),
        "fine": TreatmentPageFactory(
            parent=treatment_index, title="Reviewed page", **reviewed(days(300), okafor)
        ),
    }
    for key in ("never_article", "never_treatment", "never_draft"):
        forget_review(made[key])
    return made


def test_never_reviewed_live_pages_come_first_then_overdue_then_due_soon(pages):
    due = pages_due_for_review()
    assert [row.title for row in due] == [
        "Another unreviewed page",
        "Unreviewed article",
        "Overdue page",
        "Due soon page",
    ]
    assert [row.status for row in due] == [
        "Never reviewed",
        "Never reviewed",
        "Overdue",
        "Due soon",
    ]
    assert due[0].state == NEVER_REVIEWED and due[0].never_reviewed and not due[0].overdue
    assert due[0].due_display == "Never reviewed"
    assert due[0].reviewer_name == "No reviewer named"


def test_a_review_without_a_next_date_falls_due_a_year_later(pages):
    """Left blank, the next review is a year after the last, as the editor would fill it."""
    TreatmentPageFactory._meta.model.objects.filter(pk=pages["fine"].pk).update(
        last_reviewed=days(-370), next_review_due=None
    )
    row = next(row for row in pages_due_for_review() if row.title == "Reviewed page")
    assert row.overdue and row.next_review_due == days(-5)


def table_rows(html):
    """The report's rows as lists of cell texts."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td.*?</td>", row, re.S)
        ]
        for row in re.findall(r"<tr.*?</tr>", body, re.S)
    ]


def test_report_lists_never_reviewed_pages_first_and_marks_them(client, reviewer, pages):
    client.force_login(reviewer)
    response = client.get(reverse(REPORT))
    html = response.content.decode()
    assert response.status_code == 200
    rows = table_rows(html)
    assert [row[0] for row in rows] == [
        "Another unreviewed page",
        "Unreviewed article",
        "Overdue page",
        "Due soon page",
    ]
    assert rows[0][1:] == [
        "Treatment page",
        "Never reviewed",
        "Never reviewed",
        "No reviewer named",
        "Too short to score",  # a factory page has a few words
    ]
    assert rows[1][1:4] == ["Article", "Never reviewed", "Never reviewed"]
    assert rows[2][2:4] == ["Overdue", "29 May 2026 (3 days ago)"]
    assert rows[3][2:4] == ["Due soon", "11 June 2026 (in 10 days)"]
    assert reverse("wagtailadmin_pages:edit", args=[pages["never_article"].pk]) in html
    assert "Unreviewed draft" not in html


def test_csv_export_includes_never_reviewed_rows(client, reviewer, pages):
    client.force_login(reviewer)
    response = client.get(reverse(REPORT), {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Page",
        "Type",
        "Status",
        "Next review due",
        "Medically reviewed by",
        "Reading grade",
    ]
    assert rows[1] == [
        "Another unreviewed page",
        "Treatment page",
        "Never reviewed",
        "",
        "No reviewer named",
        "Too short to score",
    ]
    assert rows[2][:3] == ["Unreviewed article", "Article", "Never reviewed"]
    assert rows[3] == [
        "Overdue page",
        "Treatment page",
        "Overdue",
        "2026-05-29",
        "Dr. Amara Okafor, MD, psychiatrist",
        "Too short to score",
    ]
    assert len(rows) == 5


def test_csv_export_does_not_let_a_title_run_as_a_formula(client, reviewer, pages):
    TreatmentPageFactory._meta.model.objects.filter(pk=pages["overdue"].pk).update(
        title="=HYPERLINK(1)"
    )
    client.force_login(reviewer)
    content = b"".join(client.get(reverse(REPORT), {"export": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK(1)" in content


def test_xlsx_export_includes_never_reviewed_rows(client, reviewer, pages):
    client.force_login(reviewer)
    response = client.get(reverse(REPORT), {"export": "xlsx", "within": "90"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[2] for row in rows[1:]] == [
        "Never reviewed",
        "Never reviewed",
        "Overdue",
        "Due soon",
    ]


def test_command_lists_never_reviewed_pages_and_exits_1(pages, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("pages_due_for_review")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "reviewer:" in line]
    assert lines[0].startswith("NEVER REVIEWED  -  ") and "Another unreviewed page" in lines[0]
    assert lines[1].startswith("NEVER REVIEWED") and "Article: Unreviewed article" in lines[1]
    assert "reviewer: No reviewer named" in lines[1]
    assert lines[2].startswith("OVERDUE") and lines[3].startswith("DUE SOON")
    assert "4 due for review, 1 overdue, 2 never reviewed." in out
    assert "Unreviewed draft" not in out


def test_command_exits_1_when_the_only_problem_is_a_never_reviewed_page(pages, capsys):
    for key in ("soon", "overdue"):
        TreatmentPageFactory._meta.model.objects.filter(pk=pages[key].pk).update(
            next_review_due=days(300)
        )
    with pytest.raises(SystemExit) as exit_info:
        call_command("pages_due_for_review")
    assert exit_info.value.code == 1
    assert "2 due for review, 0 overdue, 2 never reviewed." in capsys.readouterr().out
