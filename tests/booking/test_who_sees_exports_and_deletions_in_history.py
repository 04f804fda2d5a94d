"""Who exported or deleted booking requests is shown to Booking managers and administrators
only: the booking page's history and the site history report (its list, its filters and its
export) leave those entries out for everyone else (booking/history.py)."""

import pytest
from django.urls import reverse
from wagtail import log_actions

pytestmark = pytest.mark.django_db

EXPORTED = "Exported 3 booking request(s) as CSV"
DELETED = "Deleted 2 booking request(s)"
SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def logged(booking_page, booking_manager, clinician):
    log_actions.log(
        booking_page, "booking.export", user=booking_manager, data={"rows": 3, "format": "csv"}
    )
    log_actions.log(booking_page, "booking.delete", user=booking_manager, data={"rows": 2})
    log_actions.log(booking_page, "wagtail.lock", user=clinician)  # an ordinary entry
    return booking_page


def shown(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:  # the report's CSV export
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("role", ["clinician", "reviewer"])
def test_other_staff_see_neither_in_the_page_history_nor_the_site_history(
    client, logged, role, request
):
    client.force_login(request.getfixturevalue(role))
    page_history = shown(client, reverse("wagtailadmin_pages:history", args=(logged.pk,)))
    site_history = shown(client, SITE_HISTORY)
    exported = shown(client, SITE_HISTORY + "?export=csv")
    for html in (page_history, site_history):
        assert "Locked" in html  # the page's ordinary history is there
        assert EXPORTED not in html and DELETED not in html
        assert "Export booking requests" not in html  # nor offered as a filter
    assert "Lock" in exported
    assert "Export booking requests" not in exported and "Delete booking requests" not in exported
    for action in ("booking.export", "booking.delete"):
        assert shown(client, f"{SITE_HISTORY}?action={action}").count("Exported") == 0


def test_administrators_see_both_in_both(client, logged, superuser):
    client.force_login(superuser)
    for url in (reverse("wagtailadmin_pages:history", args=(logged.pk,)), SITE_HISTORY):
        html = shown(client, url)
        assert EXPORTED in html and DELETED in html


def test_booking_managers_see_both_in_the_site_history(client, logged, booking_manager):
    client.force_login(booking_manager)
    html = shown(client, SITE_HISTORY)
    assert EXPORTED in html and DELETED in html
    assert "Locked" not in html  # the pages' own history stays with those who edit pages
