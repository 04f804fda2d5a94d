"""The token a result is carried to the booking form in: it gives back the instrument, total,
band and date it was made with, and nothing (None) for anything tampered with, signed for
something else, older than a day, garbled or too long."""

import datetime

import pytest
import time_machine
from django.core import signing
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcheck import handoff
from selfcheck.handoff import CarriedResult, carried, token_for
from selfcheck.instruments import GAD7, PHQ9, Result
from tests.factories import StandardPageFactory
from tests.selfcheck.helpers import answer, scores_summing_to, soup_of

TAKEN = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def result(instrument, total):
    return Result(instrument, dict(enumerate(scores_summing_to(instrument, total), 1)))


def signed(payload, salt=handoff.SALT):
    return signing.dumps(payload, salt=salt, compress=False)


@pytest.mark.parametrize(
    ("instrument", "total", "band"),
    [
        (PHQ9, 0, "Minimal"),
        (PHQ9, 17, "Moderately severe"),
        (PHQ9, 27, "Severe"),
        (GAD7, 12, "Moderate"),
    ],
)
def test_a_token_gives_back_what_it_was_made_with(instrument, total, band):
    with time_machine.travel(TAKEN, tick=False):
        token = token_for(result(instrument, total))
        assert carried(token) == CarriedResult(
            instrument.name, total, instrument.highest_total, band, datetime.date(2026, 6, 1)
        )


def test_what_is_stored_is_exactly_four_facts():
    with time_machine.travel(TAKEN, tick=False):
        back = carried(token_for(result(PHQ9, 17)))
    assert back.stored() == {
        "self_check_instrument": "PHQ-9",
        "self_check_total": 17,
        "self_check_band": "Moderately severe",
        "self_check_date": "2026-06-01",
    }
    assert set(back.stored()) == set(handoff.STORED_FIELDS)
    assert str(back) == "PHQ-9: 17 out of 27, moderately severe, taken on 1 June 2026"


def test_the_token_holds_no_answer():
    """Only the instrument, the total and the date are signed; never the item answers."""
    with time_machine.travel(TAKEN, tick=False):
        token = token_for(result(PHQ9, 17))
    assert signing.loads(token, salt=handoff.SALT) == ["phq-9", 17, "2026-06-01"]


def tampered(token, position):
    character = "A" if token[position] != "A" else "B"
    return token[:position] + character + token[position + 1 :]


@pytest.mark.parametrize("where", ["payload", "timestamp", "signature"])
def test_a_tampered_token_gives_nothing(where):
    token = token_for(result(PHQ9, 17))
    payload, timestamp, signature = token.split(":")
    position = {
        "payload": 2,
        "timestamp": len(payload) + 1,
        "signature": len(payload) + len(timestamp) + 5,
    }[where]
    assert carried(tampered(token, position)) is None


def test_a_higher_total_signed_without_the_key_gives_nothing():
    token = token_for(result(PHQ9, 3))
    forged_payload = signing.b64_encode(b'["phq-9",27,"2026-06-01"]').decode()
    assert carried(forged_payload + token[token.index(":") :]) is None


def test_a_token_signed_for_something_else_gives_nothing():
    payload = ["phq-9", 17, datetime.date.today().isoformat()]
    assert carried(signed(payload)) is not None  # the same payload, right salt: accepted
    assert carried(signed(payload, salt="booking.something-else")) is None
    assert carried(signing.dumps(payload)) is None  # no salt at all


def test_a_token_is_good_for_a_day_and_no_longer():
    with time_machine.travel(TAKEN, tick=False):
        token = token_for(result(GAD7, 8))
    almost = TAKEN + datetime.timedelta(seconds=handoff.MAX_AGE_SECONDS - 1)
    with time_machine.travel(almost, tick=False):
        assert carried(token) is not None
    late = TAKEN + datetime.timedelta(seconds=handoff.MAX_AGE_SECONDS + 1)
    with time_machine.travel(late, tick=False):
        assert carried(token) is None
    with time_machine.travel(TAKEN + datetime.timedelta(days=30), tick=False):
        assert carried(token) is None


@pytest.mark.parametrize(
    "token",
    [None, "", "abc", "a:b:c", ":::", "WyJ", "\x00", "é:é:é", "not a token at all"],
    ids=range(9),
)
def test_garbage_gives_nothing(token):
    assert carried(token) is None


@pytest.mark.parametrize(
    "payload",
    [
        ["phq-9", 28, "2026-06-01"],  # above the highest total
        ["phq-9", -1, "2026-06-01"],
        ["gad-7", 22, "2026-06-01"],
        ["bdi-2", 5, "2026-06-01"],  # not an instrument
        ["phq-9", "lots", "2026-06-01"],
        ["phq-9", None, "2026-06-01"],
        ["phq-9", 5, "yesterday"],
        ["phq-9", 5, "2026-13-01"],
        ["phq-9", 5, None],
        ["phq-9", 5],
        ["phq-9", 5, "2026-06-01", "extra"],
        {"key": "phq-9", "total": 5, "date": "2026-06-01"},
        "phq",
        17,
        None,
        [],
    ],
    ids=range(16),
)
def test_a_signed_token_of_the_wrong_shape_gives_nothing(payload):
    assert carried(signed(payload)) is None


def test_an_over_long_token_gives_nothing_even_when_signed():
    long_date = "2026-06-01" + " " * 300  # fromisoformat would not get that far
    token = signed(["phq-9", 5, long_date])
    assert len(token) > 200
    assert carried(token) is None
    assert carried(token_for(result(PHQ9, 5)) + "x" * 300) is None


@settings(max_examples=300, database=None)
@given(token=st.one_of(st.text(max_size=400), st.binary(max_size=300).map(lambda b: b.hex())))
def test_any_text_gives_nothing_and_never_raises(token):
    assert carried(token) is None


@pytest.mark.django_db
def test_the_result_page_carries_a_token_of_its_own_result(client, self_check_page, home_page):
    self_check_page.booking_page = StandardPageFactory(parent=home_page, slug="book")
    self_check_page.save()
    response = answer(client, self_check_page, PHQ9, scores_summing_to(PHQ9, 12))
    form = soup_of(response).find("form", action="/book/")
    assert form["method"] == "post"
    token = form.find("input", attrs={"name": handoff.RESULT_FIELD})["value"]
    button = form.find("button", attrs={"name": handoff.CARRY_FIELD})
    assert button is not None
    back = carried(token)
    assert (back.instrument, back.total, back.band) == ("PHQ-9", 12, "Moderate")
