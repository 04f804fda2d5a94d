"""The inbox's search term (a name, an email, a phone number) is kept in the manager's session
only encrypted: no session row in the database can be read for it, and the search still
works across pages and filters."""

import pytest
from django.contrib.sessions.models import Session

from booking.inbox import SEARCH_SESSION_KEY
from tests.booking.queue_helpers import make_request
from tests.booking.test_managers_inbox import INBOX, references_in

pytestmark = pytest.mark.django_db

NAME = "Marguerite Okonkwo"


@pytest.fixture
def manager_client(client, booking_manager):
    client.force_login(booking_manager)
    return client


def every_session_as_text():
    """Each stored session, raw and decoded, as the database holds it."""
    return [f"{row.session_data} {row.get_decoded()}" for row in Session.objects.all()]


def test_after_a_search_no_session_row_holds_the_name(manager_client, booking_page):
    make_request(booking_page, NAME, "m.okonkwo@example.com")
    for term in [NAME, "m.okonkwo@example.com", "Okonkwo"]:
        manager_client.post(INBOX, {"q": term})
        for text in every_session_as_text():
            assert "okonkwo" not in text.lower()
        assert manager_client.session[SEARCH_SESSION_KEY]  # kept, as a token


def test_the_encrypted_search_still_finds_and_survives_paging_and_filters(
    manager_client, booking_page
):
    wanted = [make_request(booking_page, f"{NAME} {n}") for n in range(27)]
    make_request(booking_page, "Priya Raman")
    manager_client.post(INBOX + "?status=all", {"q": "Okonkwo"})
    first = manager_client.get(INBOX + "?status=all")
    second = manager_client.get(INBOX + "?status=all&p=2")
    found = references_in(first) + references_in(second)
    assert sorted(found) == sorted(request.reference for request in wanted)
    assert "Okonkwo" in first.content.decode()  # the box shows the manager what they searched
    filtered = manager_client.get(INBOX + "?status=new")
    assert len(references_in(filtered)) == 25  # still searching: Priya is not listed


def test_a_term_no_key_opens_is_dropped_not_an_error(manager_client, booking_page):
    make_request(booking_page, NAME)
    make_request(booking_page, "Priya Raman")
    session = manager_client.session
    session[SEARCH_SESSION_KEY] = "Okonkwo"  # readable, as an earlier release kept it
    session.save()
    response = manager_client.get(INBOX)
    assert response.status_code == 200
    assert len(references_in(response)) == 2
    assert SEARCH_SESSION_KEY not in manager_client.session
