"""The inbox search finds a request whatever its status: a returning caller whose request was
closed or booked is never "lost" behind the inbox's open-requests default. A status chosen in
the filters still narrows the search."""

import pytest

from booking.queue import Status
from tests.booking.queue_helpers import make_request
from tests.booking.test_managers_inbox import INBOX, references_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, booking_manager):
    client.force_login(booking_manager)
    return client


@pytest.mark.parametrize("status", [status for status, _ in Status.choices])
def test_a_search_finds_a_request_in_any_status(manager_client, booking_page, status):
    wanted = make_request(booking_page, "Jordan Ellis", "jordan@example.com", status=status)
    make_request(booking_page, "Priya Raman", "priya@example.com", status=status)
    response = manager_client.post(INBOX, {"q": "Jordan"}, follow=True)
    assert references_in(response) == [wanted.reference]


def test_a_search_spans_open_and_closed_requests_together(manager_client, booking_page):
    closed = make_request(booking_page, "Jordan Ellis", status=Status.CLOSED)
    open_ = make_request(booking_page, "Jordan Ellis")
    response = manager_client.post(INBOX, {"q": "Jordan Ellis"}, follow=True)
    assert sorted(references_in(response)) == sorted([closed.reference, open_.reference])


def test_a_chosen_status_still_narrows_the_search(manager_client, booking_page):
    make_request(booking_page, "Jordan Ellis", status=Status.CLOSED)
    open_ = make_request(booking_page, "Jordan Ellis")
    response = manager_client.post(INBOX + "?status=open", {"q": "Jordan"}, follow=True)
    assert references_in(response) == [open_.reference]


def test_without_a_search_the_inbox_still_opens_on_open_requests(manager_client, booking_page):
    make_request(booking_page, "Closed Person", status=Status.CLOSED)
    open_ = make_request(booking_page, "Open Person")
    assert references_in(manager_client.get(INBOX)) == [open_.reference]
    manager_client.post(INBOX, {"q": "Person"})
    assert len(references_in(manager_client.get(INBOX))) == 2
    manager_client.post(INBOX, {"q": "", "clear": "1"})
    assert references_in(manager_client.get(INBOX)) == [open_.reference]
