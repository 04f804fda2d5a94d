"""What the self-check hand-off's tests share (tests/booking/test_self_check_handoff*.py): the
visitor takes the PHQ-9 on 7 December 2026 (a total of 14: moderate) and books on the 8th, so
the dates of the result and of the request differ. Fixtures: tests/booking/conftest.py."""

import datetime
import re
from zoneinfo import ZoneInfo

from booking.models import BookingSubmission
from selfcheck import handoff
from selfcheck.instruments import PHQ9, Result

NEW_YORK = ZoneInfo("America/New_York")
TAKEN_AT = datetime.datetime(2026, 12, 7, 15, 0, tzinfo=NEW_YORK)
BOOKED_AT = datetime.datetime(2026, 12, 8, 10, 0, tzinfo=NEW_YORK)
MODERATE_ANSWERS = [2, 2, 2, 2, 2, 2, 1, 1, 0]  # 14, nothing on item 9
STATEMENT = "PHQ-9: 14 out of 27, moderate, taken on 7 December 2026"
SENT = {
    "self_check_instrument": "PHQ-9",
    "self_check_total": 14,
    "self_check_band": "Moderate",
    "self_check_date": "2026-12-07",
}
CARRY = {handoff.CARRY_FIELD: "1"}
TICK = {"send_self_check": "on"}


def token_from_result_page(client, self_check_page, booking_page, answers=MODERATE_ANSWERS):
    """The token in the result page's "Book a consultation" form, as a browser sends it."""
    data = {f"item_{n}": str(score) for n, score in enumerate(answers, 1)}
    html = client.post(self_check_page.url + "phq-9/", data).content.decode()
    form = html[html.index(f'<form method="post" action="{booking_page.url}">') :]
    form = form[: form.index("</form>")]
    assert f'name="{handoff.CARRY_FIELD}" value="1"' in form
    return re.search(rf'name="{handoff.RESULT_FIELD}" value="([^"]+)"', form).group(1)


def token_for(answers):
    return handoff.token_for(Result(PHQ9, dict(enumerate(answers, 1))))


def carry(client, page, token, **extra):
    """The result page's "Book a consultation" button: a POST to the booking page."""
    return client.post(page.url, {handoff.RESULT_FIELD: token, **CARRY, **extra})


def send(client, page, data, **extra):
    """A request sent from the booking page; the form_data stored for it."""
    response = client.post(page.url, {**data, **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return BookingSubmission.objects.order_by("-pk").first().form_data


def fieldset(html):
    """The carried result's fieldset, or None."""
    found = re.search(r'<fieldset class="[^"]*booking-form__self-check.*?</fieldset>', html, re.S)
    return found.group(0) if found else None


def send_box(html):
    return re.search(r'<input type="checkbox" name="send_self_check"[^>]*>', html).group(0)


def added(stored, without):
    """What a request holds that the same answers sent without a result do not."""
    assert {key: stored[key] for key in without} == without
    return {key: value for key, value in stored.items() if key not in without}
