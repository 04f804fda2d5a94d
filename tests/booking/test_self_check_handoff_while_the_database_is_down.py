"""A self-check result carried to the booking form while the database is down keeps the rule of
tests/booking/test_self_check_handoff.py: the carry gets the blank form (from the outage copy)
with the result and its unticked box, nothing held; a held request holds the four values only
if the box was ticked, and they are stored with it once the database is back."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from booking import form_copy, held_requests
from booking.models import BookingSubmission
from selfcheck import handoff
from tests.booking.self_check_handoff import SENT, STATEMENT, TICK, added, carry, fieldset, send_box
from tests.outage import database_down, insert_fails

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_outage_folders")]


@pytest.fixture
def kept(booking_page, clinic_contacts):
    """The form and the clinic's details, as a first view of the booking page keeps them."""
    clinic_contacts.keep_contact_copy()
    form_copy.keep_form_copy()
    return booking_page


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def visitor(kept, self_check_token, valid_data):
    """A browser that took the self-check, has the site's CSRF cookie and the token of its
    page, and the answers it will send."""
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.token = csrf_token(browser.get(kept.url).content.decode())
    browser.answers = dict(valid_data, csrfmiddlewaretoken=browser.token)
    return browser


def held_data(settings):
    """The form_data of each held request, the shortest first."""
    paths = settings.BOOKING_SPOOL_DIR.glob("*.held")
    return sorted((held_requests.read(path).form_data for path in paths), key=len)


def test_a_carry_while_the_database_is_down_gets_the_blank_form_and_holds_nothing(
    visitor, kept, self_check_token, settings
):
    with database_down():
        response = carry(visitor, kept, self_check_token, csrfmiddlewaretoken=visitor.token)
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert STATEMENT in fieldset(html)
    assert f'value="{self_check_token}"' in fieldset(html)
    assert "checked" not in send_box(html)
    assert "booking-notice" not in html and "error-summary" not in html
    assert "form-field__error" not in html
    assert not list(settings.BOOKING_SPOOL_DIR.glob("*.held"))
    # Its token is good for the request sent from it, the database still down.
    answers = dict(visitor.answers, csrfmiddlewaretoken=csrf_token(html), **TICK)
    with database_down():
        visitor.post(kept.url, dict(answers, self_check=self_check_token))
    [held] = held_data(settings)
    assert {key: held[key] for key in SENT} == SENT


def test_a_carry_that_fails_the_csrf_check_while_the_database_is_down_drops_the_result(
    visitor, kept, self_check_token, settings
):
    with database_down():
        response = carry(visitor, kept, self_check_token, csrfmiddlewaretoken="x" * 64)
    html = response.content.decode()

    assert response.status_code == 200
    assert STATEMENT not in html and self_check_token not in html
    assert "error-summary" not in html and "form-field__error" not in html
    assert not list(settings.BOOKING_SPOOL_DIR.glob("*.held"))


def test_a_carry_while_the_database_is_down_is_never_counted(
    visitor, kept, self_check_token, settings
):
    settings.BOOKING_POST_LIMIT = 1
    settings.BOOKING_RATE_LIMIT = 1
    with database_down():
        for _ in range(4):
            response = carry(visitor, kept, self_check_token, csrfmiddlewaretoken=visitor.token)
            assert response.status_code == 200 and STATEMENT in fieldset(response.content.decode())
        response = visitor.post(kept.url, visitor.answers)
    assert "Thank you: your request has been sent" in response.content.decode()
    assert len(held_data(settings)) == 1


def test_held_from_the_copy_the_four_values_only_if_ticked_then_stored(
    visitor, kept, self_check_token, settings
):
    carried = {"self_check": self_check_token}
    with database_down():
        for extra in ({}, carried, dict(carried, **TICK)):
            response = visitor.post(kept.url, {**visitor.answers, **extra})
            assert "Thank you: your request has been sent" in response.content.decode()
    without, unticked, ticked = held_data(settings)  # the two without the values are alike

    assert unticked == without
    assert added(ticked, without) == SENT
    assert self_check_token not in str(ticked) and "send_self_check" not in ticked

    call_command("store_held_requests", stdout=io.StringIO())
    stored = [submission.form_data for submission in BookingSubmission.objects.all()]
    assert sorted(stored, key=len) == [without, unticked, ticked]


@pytest.mark.parametrize("ticked", [True, False])
def test_held_when_the_insert_fails_the_four_values_only_if_ticked(
    client, booking_page, self_check_token, valid_data, settings, clinic_contacts, ticked
):
    clinic_contacts.keep_contact_copy()
    extra = {"self_check": self_check_token, **(TICK if ticked else {})}
    with insert_fails():
        response = client.post(booking_page.url, {**valid_data, **extra})
    assert "Thank you: your request has been sent" in response.content.decode()
    [held] = held_data(settings)

    assert "full_name" in held
    assert {key: held[key] for key in held if key.startswith("self_check")} == (
        SENT if ticked else {}
    )
    assert handoff.RESULT_FIELD not in held and "send_self_check" not in held
