"""The review report flags pages whose sources were last accessed more than a year before their
last review, even when their review is not due, and lists the licences to verify."""

import csv
import datetime
import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.editorial.due_for_review import (
    OVERDUE,
    STALE_SOURCES,
    count_by_status,
    licences_to_verify,
    pages_due_for_review,
    review_page_models,
)
from clinic.editorial.references import Reference
from tests.editorial.review_dates import REPORT, TODAY, days
from tests.factories import PersonFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

LAST_REVIEWED = days(-30)  # 2 May 2026
OVERDUE_DATES = {"last_reviewed": days(-368), "next_review_due": days(-3)}  # 29 May 2025


def source(title, accessed):
    return Reference.objects.create(
        title=title, publisher="JAMA Psychiatry", kind="guideline", accessed=accessed
    )


def sources_body(*references):
    return [
        ("paragraph", "<p>What the page says.</p>"),
        ("sources", {"heading": "Sources", "references": list(references)}),
    ]


@pytest.fixture
def old():
    """Accessed 477 days before LAST_REVIEWED: stale for it."""
    return source("An old consensus statement", date(2025, 1, 10))


@pytest.fixture
def fresh():
    return source("A recent trial", date(2026, 4, 1))


@pytest.fixture
def make_page(treatment_index):
    reviewer = PersonFactory(name="Dr. Amara Okafor")

    def make(title, *references, last_reviewed=LAST_REVIEWED, next_review_due=None):
        return TreatmentPageFactory(
            parent=treatment_index,
            title=title,
            body=sources_body(*references) if references else None,
            last_reviewed=last_reviewed,
            next_review_due=next_review_due or last_reviewed + datetime.timedelta(days=365),
            reviewer=reviewer,
        )

    return make


def row_of(rows, title):
    return next(row for row in rows if row.title == title)


def test_a_page_with_sources_accessed_over_a_year_before_its_review_is_listed(
    make_page, old, fresh
):
    make_page("Stale sources", old, fresh)
    make_page("Fresh sources", fresh)
    rows = pages_due_for_review(sources=True)
    assert [row.title for row in rows] == ["Stale sources"]
    row = rows[0]
    assert row.state == STALE_SOURCES
    assert row.status == "Sources to check"
    assert row.stale_sources == [old]
    assert row.sources_display == "1 source accessed over a year before review"
    assert row.next_review_due == days(335)  # not due: it is listed for its sources only


def test_a_source_accessed_exactly_a_year_before_the_review_is_not_stale(make_page):
    a_year_before = LAST_REVIEWED - datetime.timedelta(days=365)
    make_page("A year to the day", source("Checked a year before", a_year_before))
    assert pages_due_for_review(sources=True) == []


def test_an_overdue_page_keeps_its_status_and_says_which_sources_to_check(make_page, old):
    # Reviewed on 29 May 2025: `old` was accessed after that year began, the others before.
    first, second = source("An old label", date(2024, 2, 1)), source("Older", date(2024, 1, 5))
    make_page("Overdue with old sources", old, first, second, **OVERDUE_DATES)
    row = pages_due_for_review(sources=True)[0]
    assert row.state == OVERDUE
    assert row.stale_sources == [second, first]  # the longest unchecked first
    assert row.status_export == "Overdue; 2 sources accessed over a year before review"


def test_a_page_never_reviewed_is_not_flagged_for_its_sources(make_page, old):
    page = make_page("Never reviewed", old)
    type(page).objects.filter(pk=page.pk).update(last_reviewed=None, next_review_due=None)
    row = pages_due_for_review(sources=True)[0]
    assert row.never_reviewed and row.stale_sources == []


def test_the_dashboard_and_the_command_do_not_ask_for_sources(make_page, old):
    make_page("Stale sources", old)
    assert pages_due_for_review() == []
    rows = pages_due_for_review(sources=True)
    assert count_by_status(rows) == {"never": 0, "overdue": 0, "soon": 0}


def test_a_source_changed_to_fresh_clears_the_flag(make_page, old):
    make_page("Stale sources", old)
    old.accessed = TODAY
    old.save()
    assert pages_due_for_review(sources=True) == []


def report_rows(html):
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr.*?</tr>", body, re.S)
    ]


def test_the_report_shows_the_sources_to_check_with_links_to_them(client, reviewer, make_page, old):
    make_page("Stale sources", old)
    make_page("Overdue, sources fine", **OVERDUE_DATES)
    client.force_login(reviewer)
    html = client.get(reverse(REPORT)).content.decode()
    rows = report_rows(html)
    assert rows[0].startswith("Overdue, sources fine Treatment page Overdue 29 May 2026")
    assert "Sources to check" not in rows[0]
    assert rows[1].startswith("Stale sources Treatment page Sources to check 1 source accessed")
    assert "An old consensus statement , accessed 10 January 2025 2 May 2027" in rows[1]
    assert reverse("wagtailsnippets_clinic_reference:edit", args=[old.pk]) in html
    assert "Pages whose sources were last accessed more than a year before their last" in html


def test_the_sources_filter_shows_every_page_with_sources_to_check(
    client, reviewer, make_page, old
):
    make_page("Stale sources", old)
    make_page("Overdue with old sources", source("Older", date(2024, 1, 5)), **OVERDUE_DATES)
    make_page("Overdue, sources fine", **OVERDUE_DATES)
    client.force_login(reviewer)
    html = client.get(reverse(REPORT), {"status": STALE_SOURCES}).content.decode()
    rows = report_rows(html)
    assert [row.split(" Treatment page")[0] for row in rows] == [
        "Overdue with old sources",
        "Stale sources",
    ]
    assert rows[0].startswith("Overdue with old sources Treatment page Overdue Sources to check")


def test_the_sources_filter_says_when_no_page_has_sources_to_check(
    client, reviewer, make_page, fresh
):
    make_page("Fresh sources", fresh)
    client.force_login(reviewer)
    html = client.get(reverse(REPORT), {"status": STALE_SOURCES}).content.decode()
    assert "No page has sources accessed more than a year before its last review." in html


def test_the_export_says_which_pages_have_sources_to_check(client, reviewer, make_page, old):
    make_page("Stale sources", old)
    client.force_login(reviewer)
    response = client.get(reverse(REPORT), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][2] == "Status"
    assert rows[1][:3] == [
        "Stale sources",
        "Treatment page",
        "Sources to check: 1 source accessed over a year before review",
    ]


def count_queries():
    with CaptureQueriesContext(connection) as queries:
        pages_due_for_review(sources=True)
    return len(queries)


def test_finding_stale_sources_takes_a_fixed_number_of_queries(
    make_page, old, fresh, django_assert_max_num_queries
):
    make_page("Stale sources", old, fresh)
    count_queries()  # the first call looks up content types, which Django then remembers
    few = count_queries()
    assert few == len(review_page_models()) + 2  # each page model, then the sources
    for n in range(6):
        make_page(f"Stale {n}", old, source(f"Old {n}", date(2024, 1, n + 1)))
        make_page(f"Fresh {n}", fresh)
    with django_assert_max_num_queries(few):
        rows = pages_due_for_review(sources=True)
    assert len(rows) == 7


# Licences to verify


@pytest.fixture
def people():
    licence = {"licence_type": "Physician (MD)", "licence_state": "NH", "licence_number": "12345"}
    return {
        "never": PersonFactory(name="Dr. Never Checked", **licence),
        "lapsed": PersonFactory(
            name="Dr. Lapsed Check",
            licence_verified=days(-400),
            licence_lookup_url="https://example.org/lookup",
            **licence,
        ),
        "recent": PersonFactory(
            name="Dr. Checked This Year", licence_verified=days(-30), **licence
        ),
        "retired": PersonFactory(
            name="Dr. Retired", retired=True, licence_verified=days(-800), **licence
        ),
        "no_licence": PersonFactory(name="Jonah Reyes, no licence recorded"),
    }


def test_licences_due_a_check_are_listed_and_others_are_not(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        due = licences_to_verify()
    assert due == [people["lapsed"], people["never"]]  # by name


def test_the_report_lists_licences_to_verify_with_links_to_edit_them(client, reviewer, people):
    client.force_login(reviewer)
    html = client.get(reverse(REPORT)).content.decode()
    section = html.split('id="licences-to-verify"', 1)[1].split("</section>", 1)[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    assert "Licences to verify" in text
    assert "Dr. Lapsed Check, MD, psychiatrist : last verified 27 April 2025" in text
    assert "Dr. Never Checked, MD, psychiatrist : never verified" in text
    assert "Checked This Year" not in text and "Retired" not in text and "Jonah" not in text
    edit = reverse("wagtailsnippets_clinic_person:edit", args=[people["never"].pk])
    assert f'href="{edit}"' in section
    assert 'href="https://example.org/lookup"' in section


def test_clinicians_see_the_licences_but_not_links_to_edit_people(client, clinician, people):
    client.force_login(clinician)
    response = client.get(reverse(REPORT))
    assert response.status_code == 200
    section = response.content.decode().split('id="licences-to-verify"', 1)[1]
    assert "Dr. Never Checked" in section
    assert reverse("wagtailsnippets_clinic_person:edit", args=[people["never"].pk]) not in section


def test_the_licences_show_when_no_page_is_due(client, reviewer, people):
    client.force_login(reviewer)
    html = client.get(reverse(REPORT)).content.decode()
    assert "No page is overdue or due for review" in html
    assert "Dr. Never Checked" in html


def test_the_report_says_when_every_licence_is_checked(client, reviewer):
    PersonFactory(name="Dr. Checked", licence_number="1", licence_verified=days(-10))
    client.force_login(reviewer)
    html = client.get(reverse(REPORT)).content.decode()
    assert "Every licence has been verified on the state's register within the last year." in html
