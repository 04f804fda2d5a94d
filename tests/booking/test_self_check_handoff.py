"""The consented hand-off of issue 27: a self-check result carried to the booking form joins a
request only if its own box is ticked, and then only as four values (instrument, total, band,
date), which managers see on the request page and in the export, and the email never carries.
The same while the database is down: test_self_check_handoff_while_the_database_is_down.py."""

import csv
import datetime
import io
import re

import pytest
from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.urls import reverse

from booking import ratelimit
from booking.models import BookingSubmission
from selfcheck import handoff
from tests.booking.self_check_handoff import (
    CARRY,
    MODERATE_ANSWERS,
    SENT,
    STATEMENT,
    TICK,
    added,
    carry,
    fieldset,
    send,
    send_box,
    token_for,
)
from tests.booking.test_questions import page_form

pytestmark = pytest.mark.django_db


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


# The carry: the blank form, the result stated, a box of its own, nothing kept ----------------


def test_the_carry_shows_the_blank_form_with_the_result_and_an_unticked_box(
    client, booking_page, self_check_token
):
    response = carry(client, booking_page, self_check_token)
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    part = fieldset(html)
    assert "<legend" in part and "Your self-check result</legend>" in part
    assert STATEMENT in part
    assert f'<input type="hidden" name="self_check" value="{self_check_token}"' in part
    assert "checked" not in send_box(part)
    assert "Send this result with my request" in part and "(optional)" in part
    assert "only if you tick this box" in part
    # A blank form, no errors; the consent box is the usual one, unticked, after the result.
    assert "error-summary" not in html and "form-field__error" not in html
    assert "<title>Error" not in html
    assert 'value="Avery Example"' not in html
    consent = re.search(r'<input type="checkbox" name="consent"[^>]*>', html).group(0)
    assert "checked" not in consent and "required" in consent
    assert html.index(part) < html.index('name="consent"')
    assert BookingSubmission.objects.count() == 0


def test_a_booking_form_without_a_carry_shows_nothing_of_the_self_check(client, booking_page):
    html = client.get(booking_page.url).content.decode()
    assert fieldset(html) is None
    assert 'name="self_check"' not in html and 'name="send_self_check"' not in html


# Sending: exactly the four values if ticked, none otherwise -----------------------------------


def test_a_ticked_box_adds_exactly_the_four_values(
    client, booking_page, self_check_token, valid_data
):
    without = send(client, booking_page, valid_data)
    ticked = send(client, booking_page, valid_data, self_check=self_check_token, **TICK)

    assert added(ticked, without) == SENT
    assert set(SENT) == set(handoff.STORED_FIELDS)
    assert self_check_token not in str(ticked) and "send_self_check" not in ticked


def test_the_values_are_encrypted_at_rest(client, booking_page, self_check_token, valid_data):
    send(client, booking_page, valid_data, self_check=self_check_token, **TICK)
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM booking_bookingsubmission")
        [(stored,)] = cursor.fetchall()
    for value in ["PHQ-9", "Moderate", "2026-12-07", "self_check"]:
        assert value not in stored


def test_an_unticked_box_adds_nothing(client, booking_page, self_check_token, valid_data):
    without = send(client, booking_page, valid_data)
    unticked = send(client, booking_page, valid_data, self_check=self_check_token)
    assert unticked == without


def test_a_tick_without_a_carried_result_adds_nothing(client, booking_page, valid_data):
    without = send(client, booking_page, valid_data)
    assert send(client, booking_page, valid_data, **TICK) == without


@pytest.mark.parametrize("ticked", [True, False])
def test_a_form_with_errors_keeps_the_result_and_the_tick(
    client, booking_page, self_check_token, valid_data, ticked
):
    data = dict(valid_data, full_name="", self_check=self_check_token, **(TICK if ticked else {}))
    html = client.post(booking_page.url, data).content.decode()

    assert "Enter your full name." in html
    part = fieldset(html)
    assert STATEMENT in part and f'value="{self_check_token}"' in part
    assert ("checked" in send_box(part)) is ticked
    assert BookingSubmission.objects.count() == 0
    assert send(client, booking_page, dict(data, full_name="Avery Example")).get(
        "self_check_total"
    ) == (14 if ticked else None)


# Tokens the self-check did not give, or gave too long ago -------------------------------------


def other_salt():
    return signing.dumps(["phq-9", 14, "2026-12-07"], salt="someone.else", compress=False)


def right_salt(payload):
    return lambda: signing.dumps(payload, salt=handoff.SALT, compress=False)


BAD_TOKENS = {
    "signed with another salt": other_salt,
    "signed with another key": lambda: signing.dumps(
        ["phq-9", 14, "2026-12-07"], key="not-the-secret-key", salt=handoff.SALT
    ),
    "changed by hand": lambda: token_for(MODERATE_ANSWERS)[:-4] + "AAAA",
    "garbled": lambda: "not a token at all",
    "far too long": lambda: "x" * 5000,
    "an unknown instrument": right_salt(["phq-10", 14, "2026-12-07"]),
    "a total out of range": right_salt(["phq-9", 99, "2026-12-07"]),
    "a negative total": right_salt(["phq-9", -1, "2026-12-07"]),
    "a date that is no date": right_salt(["phq-9", 14, "yesterday"]),
    "not a list": right_salt({"instrument": "phq-9"}),
    "a list too long": right_salt(["phq-9", 14, "2026-12-07", "extra"]),
}


@pytest.mark.parametrize("make", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_a_bad_token_shows_nothing_adds_nothing_and_never_fails(
    booking_page, valid_data, self_check_clock, make
):
    bad = make()
    client = Client(raise_request_exception=False)
    response = carry(client, booking_page, bad)
    html = response.content.decode()
    assert response.status_code == 200
    assert fieldset(html) is None and "Your self-check result" not in html
    assert bad not in html and "form-field__error" not in html

    without = send(client, booking_page, valid_data)
    assert send(client, booking_page, valid_data, self_check=bad, **TICK) == without


def test_a_token_older_than_a_day_is_dropped(client, booking_page, valid_data, self_check_clock):
    token = token_for(MODERATE_ANSWERS)
    self_check_clock.shift(datetime.timedelta(hours=23))
    assert STATEMENT in fieldset(carry(client, booking_page, token).content.decode())

    self_check_clock.shift(datetime.timedelta(hours=2))
    assert fieldset(carry(client, booking_page, token).content.decode()) is None
    assert "self_check_total" not in send(
        client, booking_page, valid_data, self_check=token, **TICK
    )


def test_a_token_posted_twice_counts_as_none(
    client, booking_page, self_check_token, valid_data, self_check_clock
):
    severe = token_for([3, 3, 3, 3, 3, 3, 3, 0, 0])
    for tokens in ([self_check_token, self_check_token], [self_check_token, severe]):
        response = client.post(booking_page.url, {handoff.RESULT_FIELD: tokens, **CARRY})
        assert response.status_code == 200 and fieldset(response.content.decode()) is None
        stored = send(client, booking_page, valid_data, self_check=tokens, **TICK)
        assert "self_check_total" not in stored


def test_the_same_token_carried_again_states_the_same_result(
    client, booking_page, self_check_token, valid_data
):
    first = fieldset(carry(client, booking_page, self_check_token).content.decode())
    assert first == fieldset(carry(client, booking_page, self_check_token).content.decode())
    assert STATEMENT in first
    # Sent twice (two requests), each request holds the same four values.
    for _ in range(2):
        stored = send(client, booking_page, valid_data, self_check=self_check_token, **TICK)
        assert {key: stored[key] for key in SENT} == SENT


# Carries are not requests: not limited, and answered also when the CSRF check fails ----------


def test_carries_never_use_up_the_rate_limit(
    client, booking_page, self_check_token, valid_data, settings
):
    settings.BOOKING_POST_LIMIT = 2
    settings.BOOKING_RATE_LIMIT = 1
    for _ in range(6):
        response = carry(client, booking_page, self_check_token)
        assert response.status_code == 200 and STATEMENT in fieldset(response.content.decode())
    posts_key = ratelimit.cache_key("127.0.0.1", "posts")
    assert ratelimit.current_count(posts_key) == 0
    assert (
        send(client, booking_page, valid_data, self_check=self_check_token, **TICK)[
            "self_check_total"
        ]
        == 14
    )


def test_a_carry_that_fails_the_csrf_check_gets_the_blank_form_without_the_result(
    booking_page, self_check_token, valid_data
):
    """Another site can make a browser post a carry; it fails the CSRF check. The visitor gets
    the blank form they asked for, but no result they may not have taken."""
    browser = Client(enforce_csrf_checks=True)  # a cookie blocked or expired: no CSRF cookie
    response = browser.post(
        booking_page.url,
        {handoff.RESULT_FIELD: self_check_token, "csrfmiddlewaretoken": "x" * 64, **CARRY},
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert STATEMENT not in html and self_check_token not in html
    assert "form-field__error" not in html and "error-summary" not in html
    assert "Your request has not been sent yet" not in html
    assert BookingSubmission.objects.count() == 0
    # The page's fresh token and cookie take the request, without a result.
    fresh = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = dict(valid_data, csrfmiddlewaretoken=fresh)
    assert browser.post(booking_page.url, data).status_code == 302
    assert not set(SENT) & set(BookingSubmission.objects.get().form_data)


# The managers' side: request page and export show it; the email never does -----------------


def test_managers_see_the_values_on_the_request_page_and_in_the_export(
    client, booking_page, self_check_token, valid_data, booking_manager
):
    send(client, booking_page, dict(valid_data, full_name="Without Result"))
    send(
        client,
        booking_page,
        dict(valid_data, full_name="With Result"),
        self_check=self_check_token,
        **TICK,
    )
    without, with_result = BookingSubmission.objects.order_by("pk")
    client.force_login(booking_manager)

    page = client.get(reverse("booking_requests:request", args=[with_result.pk]))
    html = page.content.decode()
    assert "Self-check result they chose to send" in html
    assert STATEMENT in html
    shown = ["PHQ-9", "14", "Moderate", "2026-12-07"]
    for label, value in zip(handoff.STORED_FIELDS.values(), shown, strict=True):
        assert re.search(rf"<dt>{label}</dt>\s*<dd>{value}</dd>", html)
    other = client.get(reverse("booking_requests:request", args=[without.pk])).content.decode()
    assert "Self-check result they chose to send" not in other and "PHQ-9" not in other

    heading, *rows = read_csv(client.get(reverse("booking_requests:index") + "?export=csv"))
    columns = [heading.index(label) for label in handoff.STORED_FIELDS.values()]
    by_name = {row[heading.index("Full name")]: row for row in rows}
    assert [by_name["With Result"][i] for i in columns] == ["PHQ-9", "14", "Moderate", "2026-12-07"]
    assert [by_name["Without Result"][i] for i in columns] == ["", "", "", ""]


def test_the_notification_email_carries_none_of_it(
    client, booking_page, self_check_token, valid_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, booking_page, valid_data, self_check=self_check_token, **TICK)

    [email] = mail.outbox
    whole = (email.subject + email.body + str(email.message())).lower()
    for value in ["phq", "moderate", "out of 27", "self-check", "self_check", "2026-12-07"]:
        assert value not in whole
    assert "december 7" not in whole and "7 december" not in whole and "dec. 7" not in whole


# Editors' questions cannot pass for the result ----------------------------------------------


@pytest.mark.parametrize(
    "label", ["Self check", "Send self check", "Self-check total", "Self check band"]
)
def test_a_question_may_not_take_a_name_of_the_carried_result(booking_page, label):
    form = page_form(booking_page, ["Favourite colour", label])
    assert not form.is_valid()
    errors = form.formsets["form_fields"].forms[1].errors["label"]
    assert "already asked by the fixed part of the form" in errors[0]
