"""From the self-check to a consultation request, on a phone: the result goes with the request
only if the visitor ticks its box on the booking form; a manager then reads it."""

import os
import tempfile
from pathlib import Path

import pytest

import booking.demo
from booking.models import BookingSubmission
from clinic.documents.demo import load_section
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_self_check_in_browser import ON_A_PHONE, answer, phq9_url

SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or tempfile.gettempdir())
SEND_BOX = "Send this result with my request"


@pytest.fixture
def booking_page(home_page):
    return load_section(booking.demo, home_page)


def take_the_phq9_and_book(page, self_check):
    """Every answer "Several days" (a total of 9: mild), then the result's booking button."""
    page.goto(phq9_url(page, self_check))
    answer(page, dict.fromkeys(range(1, 10), 1), tap=True)
    page.get_by_role("button", name="See my result").tap()
    page.get_by_role("heading", name="Your score is 9 out of 27").wait_for()
    page.get_by_role("button", name="Book a consultation").tap()
    page.get_by_text("Your self-check result", exact=True).wait_for()


def fill_the_request(page):
    page.get_by_label("Full name").fill("Avery Example")
    page.get_by_label("Email address").fill("avery@example.com")
    page.get_by_label("Either is fine").check()
    page.get_by_label("Weekday mornings").check()
    page.get_by_label("Not sure yet").check()
    page.get_by_label("I confirm that I am 18 or over").check()
    page.get_by_label("I agree that Northbridge Mind Clinic may store").check()


@ON_A_PHONE
@pytest.mark.parametrize("ticked", [True, False], ids=["ticked", "left-empty"])
def test_a_result_carried_to_the_booking_form_is_sent_only_when_ticked(
    site_page, self_check, booking_page, ticked
):
    page = site_page
    take_the_phq9_and_book(page, self_check)

    carried = page.locator("fieldset", has=page.get_by_label(SEND_BOX))
    assert "PHQ-9: 9 out of 27, mild" in carried.inner_text()
    assert not page.get_by_label(SEND_BOX).is_checked()  # the visitor decides
    assert not page.get_by_label("I agree that Northbridge Mind Clinic may store").is_checked()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    carried.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "selfcheck-to-booking-phone.png")

    fill_the_request(page)
    if ticked:
        page.get_by_label(SEND_BOX).check()
    page.get_by_role("button", name="Send request").tap()
    page.wait_for_url("**/book-a-consultation/thank-you/")

    stored = BookingSubmission.objects.get().form_data
    sent = {key: value for key, value in stored.items() if key.startswith("self_check")}
    if ticked:
        assert set(sent) == {
            "self_check_instrument",
            "self_check_total",
            "self_check_band",
            "self_check_date",
        }
        assert (sent["self_check_instrument"], sent["self_check_total"]) == ("PHQ-9", 9)
        assert sent["self_check_band"] == "Mild"
    else:
        assert sent == {}
