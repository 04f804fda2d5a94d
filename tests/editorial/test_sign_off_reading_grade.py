"""The reading grade at sign-off, in the review report and in the audit command.

A reviewer sees the grade of the version under review; a page above its upper limit is
approved only with the reviewer's reason, which the page's history keeps.
"""

import csv
import datetime
import html
import io
import json
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text

from blog.models import ArticlePage
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.editorial.review_dates import REPORT
from tests.editorial.test_clinical_review_flow import action_url, edit_url, messages_of, submit
from tests.treatments.admin_forms import complete_body, treatment_form_data
from tests.treatments.factories import TreatmentPageFactory
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

# 10:00 in New York on a Friday, as in test_clinical_review_flow.
NOW = datetime.datetime(2026, 11, 27, 15, 0, tzinfo=datetime.UTC)
HARD = (
    "Pharmacological intervention necessitates comprehensive psychiatric evaluation, "
    "continuous physiological monitoring, and individualised therapeutic considerations."
)
EASY = "You sit in a quiet room. A nurse stays with you. You can stop at any time."
LONG_SENTENCE = (
    "Before your first session we will ask about your health, your medicines, your blood "
    "pressure, your past treatments, your sleep, your work and the people who support you at home."
)
REASON = "Written for referring psychiatrists; the patient summary is on its own page."
REASON_LABEL = "Why approve it above the reading-grade limit?"
GRADE = r"\d+(?:\.\d)?"


def hard_body():
    """Every section a treatment page needs, and eight very hard sentences: grade ~20."""
    return [*complete_body(), ("paragraph", rich_text(f"<p>{' '.join([HARD] * 8)}</p>"))]


def shown(response):
    return html.unescape(response.content.decode())


def modal(response):
    """The HTML of a workflow modal (Wagtail answers with JSON)."""
    assert response.status_code == 200
    return html.unescape(response.json()["html"])


def field_errors(form_html):
    """{field name: [errors]} of the fields that show errors in a Wagtail form."""
    soup = BeautifulSoup(form_html, "html.parser")
    return {
        field["data-contentpath"]: [
            " ".join(error.get_text().split()) for error in field.select(".error-message")
        ]
        for field in soup.select("[data-contentpath]")
        if field.select(".error-message")
    }


def xhr_post(client, url, data):
    """Post as the modal does: form errors come back in the modal."""
    return client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def sign_offs(page):
    return PageLogEntry.objects.filter(page=page, action="clinic.sign_off")


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def hard_page(client, clinician, treatment_index):
    """A submitted treatment page that reads far above its upper limit (10)."""
    return submit(client, clinician, treatment_index, hard_body())


@pytest.fixture
def easy_page(client, clinician, treatment_index):
    return submit(client, clinician, treatment_index, complete_body())


def assert_not_signed_off(page):
    page = TreatmentPage.objects.get(pk=page.pk)
    assert not page.live and page.workflow_in_progress and page.last_reviewed is None
    assert not sign_offs(page).exists()


# The sign-off form


def test_the_sign_off_form_shows_the_reading_grade_and_asks_why_above_the_limit(
    client, signing_reviewer, hard_page
):
    client.force_login(signing_reviewer)
    form = modal(client.get(action_url(hard_page, "approve")))
    assert re.search(rf"Reading grade: {GRADE}, hard \(target 8\)\.", form)
    assert REASON_LABEL in form
    assert 'name="reason"' in form
    assert re.search(
        rf"This version reads at grade {GRADE} \(hard\); the upper limit for this page is 10\.",
        form,
    )


def test_the_sign_off_form_of_an_easy_page_asks_for_no_reason(client, signing_reviewer, easy_page):
    client.force_login(signing_reviewer)
    form = modal(client.get(action_url(easy_page, "approve")))
    assert re.search(rf"Reading grade: {GRADE}, easy to read \(target 8\)\.", form)
    assert 'name="reason"' not in form
    assert REASON_LABEL not in form


def test_approving_above_the_limit_without_a_reason_is_refused_in_the_form(
    client, signing_reviewer, hard_page
):
    client.force_login(signing_reviewer)
    response = xhr_post(client, action_url(hard_page, "approve"), {"next_review_in": "12"})
    assert response.json()["step"] == "action"  # the form again, with its error
    assert field_errors(modal(response)) == {"reason": ["This field is required."]}
    assert_not_signed_off(hard_page)


def test_approving_above_the_limit_with_a_blank_reason_is_refused(
    client, signing_reviewer, hard_page
):
    client.force_login(signing_reviewer)
    client.post(action_url(hard_page, "approve"), {"next_review_in": "12", "reason": "   "})
    assert_not_signed_off(hard_page)


def test_a_reason_longer_than_500_characters_is_refused(client, signing_reviewer, hard_page):
    client.force_login(signing_reviewer)
    response = xhr_post(
        client, action_url(hard_page, "approve"), {"next_review_in": "12", "reason": "x" * 501}
    )
    assert field_errors(modal(response)) == {
        "reason": ["Ensure this value has at most 500 characters (it has 501)."]
    }
    assert_not_signed_off(hard_page)


def test_approving_above_the_limit_with_a_reason_publishes_and_keeps_the_reason(
    client, signing_reviewer, hard_page
):
    client.force_login(signing_reviewer)
    response = client.post(
        action_url(hard_page, "approve"), {"next_review_in": "12", "reason": REASON}
    )
    assert response.status_code == 302
    page = TreatmentPage.objects.get(pk=hard_page.pk)
    assert page.live and not page.workflow_in_progress
    assert f"Approved and published '{page.title}'." in messages_of(response)

    entry = sign_offs(page).get()
    assert entry.data["reason"] == REASON
    assert entry.data["grade_limit"] == 10
    assert entry.data["reading_grade"] > 10

    history = shown(client.get(reverse("wagtailadmin_pages:history", args=[page.pk])))
    grade = f"{entry.data['reading_grade']:g}"
    assert f"; reading grade {grade}, above the limit of 10, because: “{REASON}”" in history


def test_the_sign_off_records_the_grade_the_form_showed(client, signing_reviewer, hard_page):
    client.force_login(signing_reviewer)
    form = modal(client.get(action_url(hard_page, "approve")))
    shown_grade = float(re.search(rf"Reading grade: ({GRADE}),", form).group(1))
    client.post(action_url(hard_page, "approve"), {"next_review_in": "12", "reason": REASON})
    assert sign_offs(hard_page).get().data["reading_grade"] == shown_grade


# Approving from the editor


def editor_approval(body, slug, **extra):
    data = treatment_form_data(body=body, slug=slug)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps(
        {"next_review_in": "12", "comment": "", **extra}
    )
    return data


def test_the_editors_sign_off_form_asks_why_above_the_limit(client, signing_reviewer, hard_page):
    client.force_login(signing_reviewer)
    url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=(hard_page.pk, "approve", hard_page.current_workflow_task_state.pk),
    )
    assert REASON_LABEL in modal(client.get(url))
    response = xhr_post(client, url, {"next_review_in": "12"})
    assert response.json()["step"] == "action"
    assert field_errors(modal(response)) == {"reason": ["This field is required."]}
    response = xhr_post(client, url, {"next_review_in": "12", "reason": REASON})
    assert response.json()["step"] == "success"
    assert response.json()["cleaned_data"]["reason"] == REASON


def test_approving_in_the_editor_above_the_limit_without_a_reason_is_refused(
    client, signing_reviewer, hard_page
):
    """A forged editor post: the form was never shown, the sign-off refuses all the same."""
    client.force_login(signing_reviewer)
    response = client.post(edit_url(hard_page), editor_approval(hard_body(), hard_page.slug))
    assert response.status_code == 302  # back to the editor, told why
    assert_not_signed_off(hard_page)


def test_approving_in_the_editor_above_the_limit_with_a_reason_keeps_it(
    client, signing_reviewer, hard_page
):
    client.force_login(signing_reviewer)
    data = editor_approval(hard_body(), hard_page.slug, reason=REASON)
    assert client.post(edit_url(hard_page), data).status_code == 302
    assert TreatmentPage.objects.get(pk=hard_page.pk).live
    assert sign_offs(hard_page).get().data["reason"] == REASON


def test_an_edit_that_takes_the_page_above_the_limit_as_it_is_approved_says_why_it_is_refused(
    client, signing_reviewer, easy_page
):
    """The reviewer edits in the editor and approves: the form, made for the version before the
    edit, asked for no reason; the sign-off judges the edited version and refuses. The
    reviewer must be told why, not that they lack permission."""
    client.force_login(signing_reviewer)
    url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=(easy_page.pk, "approve", easy_page.current_workflow_task_state.pk),
    )
    assert 'name="reason"' not in modal(client.get(url))  # what the reviewer was asked
    response = client.post(edit_url(easy_page), editor_approval(hard_body(), easy_page.slug))
    assert_not_signed_off(easy_page)
    told = " ".join([*messages_of(response), shown(response)])
    assert "the upper limit for this page is 10" in told, messages_of(response)


# The "Pages due for review" report


def row_of(report_html, title):
    """The text of each cell in the report's row for this page."""
    for row in re.findall(r"<tr[^>]*>.*?</tr>", report_html, re.S):
        cells = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        if cells and cells[0] == title:
            return cells
    raise AssertionError(f"no row for {title!r}")


def paragraphs(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


@pytest.fixture
def overdue(treatment_index):
    """Live treatment pages whose review is overdue: one easy, one hard, one too short."""
    review = {
        "last_reviewed": datetime.date(2025, 11, 1),
        "next_review_due": datetime.date(2026, 11, 1),
    }
    return {
        "easy": TreatmentPageFactory(
            parent=treatment_index, title="Easy page", body=paragraphs(*[EASY] * 6), **review
        ),
        "hard": TreatmentPageFactory(
            parent=treatment_index, title="Hard page", body=paragraphs(*[HARD] * 8), **review
        ),
        "short": TreatmentPageFactory(parent=treatment_index, title="Short page", **review),
    }


def test_the_report_shows_the_reading_grade_of_each_page(client, reviewer, overdue):
    client.force_login(reviewer)
    report = client.get(reverse(REPORT)).content.decode()
    assert re.search(r"<th[^>]*>\s*Reading grade\s*</th>", report)
    assert re.fullmatch(rf"{GRADE}, easy to read \(target 8\)", row_of(report, "Easy page")[-1])
    assert re.fullmatch(rf"{GRADE}, hard \(target 8\)", row_of(report, "Hard page")[-1])
    assert row_of(report, "Short page")[-1] == "Too short to score"


def test_the_report_export_has_the_reading_grade(client, reviewer, overdue):
    client.force_login(reviewer)
    response = client.get(reverse(REPORT), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    grades = {row["Page"]: row["Reading grade"] for row in rows}
    assert re.fullmatch(rf"{GRADE}, easy to read \(target 8\)", grades["Easy page"])
    assert grades["Short page"] == "Too short to score"


# The readability_report command


@pytest.fixture
def health_pages(home_page, treatment_index):
    article_index = ArticleIndexPageFactory(parent=home_page)
    return {
        "treatment": TreatmentPageFactory(
            parent=treatment_index,
            title="Ketamine infusions",
            body=paragraphs(*[EASY] * 5, LONG_SENTENCE),
        ),
        "hard": TreatmentPageFactory(
            parent=treatment_index, title="Hard page", body=paragraphs(*[HARD] * 8)
        ),
        "article": ArticlePageFactory(
            parent=article_index, title="Sleep and low mood", body=paragraphs(*[EASY] * 6)
        ),
        "draft": TreatmentPageFactory(
            parent=treatment_index,
            title="Unpublished draft page",
            live=False,
            body=paragraphs(*[EASY] * 6),
        ),
    }


def run_report(*args):
    out = io.StringIO()
    call_command("readability_report", *args, stdout=out)
    return out.getvalue()


def test_the_readability_report_lists_each_live_health_page_with_its_grade_and_problems(
    health_pages,
):
    out = run_report()
    assert "Ketamine infusions (treatment page, http://" in out
    assert "Hard page (treatment page, http://" in out
    assert "Sleep and low mood (" in out
    assert re.search(
        rf"Ketamine infusions .*\n  grade {GRADE}: Easy to read \(target 8, limit 10\); "
        rf"SMOG {GRADE}; \d+ words",
        out,
    )
    assert re.search(rf"Hard page .*\n  grade {GRADE}: Hard \(target 8, limit 10\)", out)
    # Articles have their own targets.
    assert re.search(rf"Sleep and low mood .*\n  grade {GRADE}: Easy to read \(target 10, ", out)
    assert (
        "  - Sentence longer than 25 words: 30 words: “Before your first session we will ask "
        "about…”" in out
    )
    assert out.rstrip().endswith("3 live health pages; 1 above their upper limit.")


def test_the_readability_report_leaves_out_pages_that_are_not_live(health_pages):
    assert "Unpublished draft page" not in run_report()
    assert "Unpublished draft page" not in run_report("--json")


def test_the_readability_report_as_json(health_pages):
    rows = json.loads(run_report("--json"))
    by_title = {row["title"]: row for row in rows}
    assert set(by_title) == {"Ketamine infusions", "Hard page", "Sleep and low mood"}
    expected_keys = {
        "title",
        "url",
        "type",
        "grade",
        "verdict",
        "target",
        "limit",
        "smog",
        "words",
        "sentences",
        "average_sentence",
        "long_words_percent",
        "longest_sentences",
        "problems",
    }
    assert all(set(row) == expected_keys for row in rows)

    treatment = by_title["Ketamine infusions"]
    assert treatment["url"] == health_pages["treatment"].full_url
    assert treatment["type"] == TreatmentPage._meta.verbose_name
    assert treatment["verdict"] == "Easy to read" and treatment["grade"] <= 8
    assert (treatment["target"], treatment["limit"]) == (8, 10)
    assert treatment["problems"] == [
        {
            "rule": "Sentence longer than 25 words",
            "detail": "30 words: “Before your first session we will ask about…”",
        }
    ]
    hard = by_title["Hard page"]
    assert hard["verdict"] == "Hard" and hard["grade"] > hard["limit"]
    article = by_title["Sleep and low mood"]
    assert article["type"] == ArticlePage._meta.verbose_name
    assert (article["target"], article["limit"]) == (10, 12)
