"""A returning caller is never lost: from the inbox as it opens (open requests only), a
Booking manager searches for the name of someone whose request was closed, in Chromium, and
finds it, with its status shown."""

import pytest
from playwright.sync_api import expect

import booking.demo
from clinic.documents.demo import load_section
from tests.booking.queue_helpers import hours_from_now, make_request
from tests.browser.test_manager_works_a_request import (
    LAPTOP,
    LISTING,
    assert_no_axe_violations,
    screenshot,
    sign_in_through_the_form,
)


@pytest.fixture
def demo_booking_page(home_page):
    return load_section(booking.demo, home_page)


def test_a_search_from_the_open_inbox_finds_a_closed_request(
    site_page, booking_manager, demo_booking_page
):
    booking_page = demo_booking_page
    closed = make_request(
        booking_page,
        "Rowan Okafor",
        "rowan.okafor@example.com",
        status="closed",
        submit_time=hours_from_now(-24 * 40),
    )
    make_request(booking_page, "Sam Sample", "sam@example.com", reply_due=hours_from_now(20))
    page = site_page
    page.set_viewport_size(LAPTOP)
    sign_in_through_the_form(page, "manager")
    page.goto(page.base_url + "/admin/booking/requests/")
    rows = page.locator(LISTING).locator("tbody tr")
    expect(rows).to_have_count(1)  # the open one only
    expect(rows.first).not_to_contain_text(closed.reference)

    page.get_by_label("Find a request").fill("Okafor")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#listing-results [role=status]")).to_contain_text("1 request matching")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(closed.reference)
    expect(rows.first).to_contain_text("Closed")
    assert_no_axe_violations(page)
    screenshot(page, "search-finds-a-closed-request")
