"""A visitor books a consultation in Chromium: errors summarised, fixed, thanked; axe is clean."""

import tempfile
from pathlib import Path

import pytest

import booking.demo
from booking.models import BookingSubmission
from clinic.documents.demo import load_section
from tests.browser.conftest import DESKTOP, PHONE, REPORT_VIOLATIONS, axe_violations, describe

SCREENSHOTS = Path(tempfile.gettempdir())  # booking-*.png, to look at after a run


@pytest.fixture
def booking_page(home_page):
    return load_section(booking.demo, home_page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_visitor_fixes_a_bad_email_and_reaches_the_thank_you_page(
    site_page, booking_page, viewport
):
    page = site_page
    page.set_viewport_size(viewport)
    page.goto(page.base_url + booking_page.url)
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.get_by_label("Full name").fill("Avery Example")
    page.get_by_label("Email address").fill("avery-at-example")
    page.get_by_label("Either is fine").check()
    page.get_by_label("Weekday mornings").check()
    page.get_by_label("Not sure yet").check()
    page.get_by_label("How did you hear about the clinic?").select_option("A web search")
    page.get_by_label("Anything you would like us to know").fill("Mornings are best.")
    page.get_by_label("I confirm that I am 18 or over").check()
    page.get_by_label("I agree that Northbridge Mind Clinic may store").check()
    page.get_by_role("button", name="Send request").click()

    summary = page.get_by_role("alert")
    assert "There is a problem with your request" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error: ")
    violations = axe_violations(page)
    assert not violations, describe(violations)

    summary.get_by_role("link", name="Enter an email address in the right format").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    email = page.get_by_label("Email address")
    assert email.get_attribute("aria-invalid") == "true"
    # The other answers were kept; only the email needs fixing.
    assert page.get_by_label("Full name").input_value() == "Avery Example"
    assert page.get_by_label("Not sure yet").is_checked()
    email.fill("avery@example.com")
    assert page.get_by_label("I agree that Northbridge Mind Clinic may store").is_checked()
    page.get_by_role("button", name="Send request").click()

    page.wait_for_url("**/book-a-consultation/thank-you/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Thank you")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert BookingSubmission.objects.count() == 1


def test_the_honeypot_cannot_be_reached_by_keyboard(site_page, booking_page):
    page = site_page
    page.goto(page.base_url + booking_page.url)
    trap = page.locator("#id_website")
    assert trap.get_attribute("tabindex") == "-1"
    assert trap.bounding_box()["x"] < 0


def test_the_message_field_counts_down_and_over_the_limit(site_page, booking_page):
    """character-count.js: a polite live count under the message, red once too long; no CSP
    violation, axe clean."""
    page = site_page
    page.context.add_init_script(REPORT_VIOLATIONS)
    errors = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(page.base_url + booking_page.url)
    message = page.get_by_label("Anything you would like us to know")
    count = page.locator(f"#{message.get_attribute('id')}_count")
    assert count.get_attribute("aria-live") == "polite"
    assert count.inner_text() == "You have 1,000 characters remaining"
    assert count.get_attribute("id") in message.get_attribute("aria-describedby")

    message.fill("Mornings are best.")
    assert count.inner_text() == "You have 982 characters remaining"
    message.fill("x" * 1002)  # no maxlength attribute: the browser keeps all of it
    assert count.inner_text() == "You have 2 characters too many"
    assert "form-field__count--over" in count.get_attribute("class")
    count.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "booking-message-counter.png"))
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert not [text for text in errors if "CSP violation" in text]


def test_an_expired_form_and_the_limit_keep_the_answers(site_page, booking_page, settings):
    """The cookie gone (expired, or cleared) and then the limit reached: each time the form
    comes back with the answers, a notice with the crisis lines, focus on it; axe is clean."""
    page = site_page
    page.goto(page.base_url + booking_page.url)
    page.get_by_label("Full name").fill("Robin Example")
    page.get_by_label("Email address").fill("robin@example.com")
    page.get_by_label("Either is fine").check()
    page.get_by_label("Weekday mornings").check()
    page.get_by_label("Not sure yet").check()
    page.get_by_label("How did you hear about the clinic?").select_option("A web search")
    page.get_by_label("Anything you would like us to know").fill("Afternoons, please.")
    page.get_by_label("I confirm that I am 18 or over").check()
    page.get_by_label("I agree that Northbridge Mind Clinic may store").check()
    page.context.clear_cookies()  # as if the cookie had expired
    page.get_by_role("button", name="Send request").click()

    assert page.evaluate("document.activeElement.id") == "booking-notice"
    assert "Your request has not been sent yet" in page.get_by_role("alert").inner_text()
    assert not page.locator("#error-summary").count()
    assert page.get_by_label("Full name").input_value() == "Robin Example"
    page.screenshot(path=str(SCREENSHOTS / "booking-form-expired.png"))
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert BookingSubmission.objects.count() == 0

    settings.BOOKING_RATE_LIMIT = 0  # the address has used up its requests
    page.get_by_role("button", name="Send request").click()
    assert (
        "Sorry, we could not take your request just now"
        in page.locator("#booking-notice").inner_text()
    )
    assert (
        page.get_by_label("Anything you would like us to know").input_value()
        == "Afternoons, please."
    )
    page.screenshot(path=str(SCREENSHOTS / "booking-form-limited.png"))
    violations = axe_violations(page)
    assert not violations, describe(violations)

    settings.BOOKING_RATE_LIMIT = 5
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/book-a-consultation/thank-you/")
    reference = BookingSubmission.objects.get().reference
    assert f"Your reference is {reference}" in page.locator("main").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "booking-thank-you.png"))
