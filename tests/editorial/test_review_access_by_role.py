"""Clinicians, reviewers and administrators see the review reminders; booking managers do not."""

import datetime

import pytest
from django.urls import reverse

from tests.editorial.review_dates import REPORT, RESULTS
from tests.factories import PersonFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def overdue_page(treatment_index):
    return TreatmentPageFactory(
        parent=treatment_index,
        title="Overdue page",
        last_reviewed=datetime.date(2025, 5, 1),
        next_review_due=datetime.date(2026, 5, 1),
        reviewer=PersonFactory(),
    )


@pytest.mark.parametrize("role", ["clinician", "reviewer", "superuser"])
def test_editors_reviewers_and_admins_see_the_panel_and_the_report(
    client, request, overdue_page, role
):
    client.force_login(request.getfixturevalue(role))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="due-for-review-heading"' in home
    assert reverse(REPORT) in home  # the panel and the reports menu
    for url_name in (REPORT, RESULTS):
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        assert "Overdue page" in response.content.decode()
    assert client.get(reverse(REPORT), {"export": "csv"}).status_code == 200


def test_booking_managers_get_no_panel_and_no_report(client, booking_manager, overdue_page):
    client.force_login(booking_manager)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert 'id="due-for-review-heading"' not in home.content.decode()
    assert reverse(REPORT) not in home.content.decode()
    for url_name, params in ((REPORT, {}), (RESULTS, {}), (REPORT, {"export": "csv"})):
        response = client.get(reverse(url_name), params)
        assert response.status_code in (302, 403)
        assert b"Overdue page" not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )


def test_anonymous_visitors_are_sent_to_sign_in(client, overdue_page):
    response = client.get(reverse(REPORT))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
