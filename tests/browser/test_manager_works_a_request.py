"""A Booking manager works an overdue request in Chromium, from the dashboard to a note.

They sign in through the real login form, follow the dashboard's overdue count to the
inbox, open the request, take it on (Contacted, owner: themselves), add a note, and find it
again by the person's email. The inbox and the request page fit the screen, axe finds
nothing in them, and no address the browser visits or asks for names the person.
"""

import tempfile
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from playwright.sync_api import expect

import booking.demo
from clinic.documents.demo import load_section
from tests.booking.queue_helpers import hours_from_now, make_request
from tests.browser.conftest import axe_violations, describe

PASSWORD = "a-long-test-password"  # every UserFactory user's (tests/factories.py)
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

NAME = "Rowan Okafor"
EMAIL = "rowan.okafor@example.com"
PHONE_NUMBER = "+1 555 010 0199"

LISTING = "#listing-results table.listing"  # not the date pickers' tables in the filters
SCREENSHOTS = Path(tempfile.gettempdir())  # manager-*.png, to look at after a run


@pytest.fixture
def booking_page(home_page):
    """The demo booking page (tests/booking/conftest.py's fixture does not reach this folder)."""
    return load_section(booking.demo, home_page)


@pytest.fixture
def overdue_request(booking_page):
    """New, received yesterday, its reply due five hours ago: the one to deal with first."""
    return make_request(
        booking_page,
        NAME,
        EMAIL,
        PHONE_NUMBER,
        submit_time=hours_from_now(-30),
        reply_due=hours_from_now(-5),
    )


@pytest.fixture
def other_requests(booking_page):
    """A new one not yet due and a contacted one: counted or listed apart from the overdue one."""
    return [
        make_request(booking_page, "Sam Sample", "sam@example.com", reply_due=hours_from_now(20)),
        make_request(
            booking_page,
            "Lee Park",
            "lee@example.com",
            status="contacted",
            reply_due=hours_from_now(-50),
        ),
    ]


def sign_in_through_the_form(page, username):
    page.goto(page.base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(page.base_url + "/admin/")


def record_addresses(page):
    """Every address the page goes to or asks for, kept for the privacy check at the end."""
    addresses = []
    page.on("framenavigated", lambda frame: addresses.append(frame.url))
    page.on("request", lambda request: addresses.append(request.url))
    return addresses


def naming_the_person(addresses):
    """The addresses that hold the person's email or a part of their name, encoded or not."""
    giveaways = [part.lower() for part in [EMAIL, quote(EMAIL, safe=""), *NAME.split()]]
    return [
        address
        for address in addresses
        if any(part in address.lower() or part in unquote(address).lower() for part in giveaways)
    ]


def sideways_overflow(page, width, table=None):
    """What sticks out sideways: the document past the viewport, the admin's main area past
    its box (it hides what overflows, so the document alone would not show it), a table."""
    document = page.evaluate("document.documentElement.scrollWidth")
    main = page.eval_on_selector("#main", "main => [main.scrollWidth, main.clientWidth]")
    problems = [f"the document is {document}px wide"] if document > width else []
    if main[0] > main[1]:
        problems.append(f"#main holds {main[0]}px in {main[1]}px")
    if table:
        inner, outer = page.eval_on_selector(
            table, "table => [table.scrollWidth, table.parentElement.clientWidth]"
        )
        if inner > outer:
            problems.append(f"the table is {inner}px wide in a {outer}px box")
    return problems


def assert_fits_sideways(page, width, table=None):
    problems = sideways_overflow(page, width, table)
    assert not problems, problems


def assert_no_axe_violations(page):
    if page.locator(".messages li").count():
        # Mid fade-in, axe would misjudge the message's contrast. (No wait_for_function: it
        # evaluates a string in the page, which the admin's CSP forbids.)
        expect(page.locator(".messages > ul")).to_have_css("opacity", "1")
    violations = axe_violations(page)
    assert not violations, describe(violations)


def screenshot(page, name, whole=False):
    """The window as the manager sees it, or with whole=True all of the admin's main area:
    it scrolls inside #main, which a full-page shot misses, so the window grows to it."""
    path = SCREENSHOTS / f"manager-{name}.png"
    if not whole:
        page.screenshot(path=path)
        return
    viewport = page.viewport_size
    height = page.eval_on_selector("#main", "main => main.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.screenshot(path=path)
    page.set_viewport_size(viewport)


def test_manager_takes_on_an_overdue_request_and_finds_it_again_by_email(
    site_page, booking_manager, overdue_request, other_requests
):
    page = site_page
    page.set_viewport_size(LAPTOP)
    addresses = record_addresses(page)
    reference = overdue_request.reference

    # The dashboard counts the queue; the overdue count leads to the overdue requests.
    sign_in_through_the_form(page, "manager")
    counts = page.locator("#booking-request-counts")
    expect(counts.locator("[data-count=new]")).to_have_text("2 new")
    expect(counts.locator("[data-count=overdue]")).to_have_text("1 overdue")
    expect(counts.locator("[data-count=mine]")).to_have_text("0 assigned to you")
    screenshot(page, "dashboard")
    counts.get_by_role("link", name="1 overdue").click()

    page.wait_for_url("**/admin/booking/requests/?overdue=yes")
    rows = page.locator(LISTING).locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(reference)
    expect(rows.first).to_contain_text("Overdue by 5 h")
    assert_fits_sideways(page, LAPTOP["width"], table=LISTING)
    assert_no_axe_violations(page)
    screenshot(page, "inbox")

    # Taking it on: Contacted, and owned by the manager themselves.
    rows.first.get_by_role("link", name=reference).click()
    page.wait_for_url(f"**/admin/booking/requests/{overdue_request.pk}/")
    page.get_by_label("Status").select_option(label="Contacted")
    page.get_by_label("Owner").select_option(label="manager")
    page.get_by_role("button", name="Save status and owner").click()
    expect(page.locator(".messages")).to_contain_text(f"{reference} updated.")
    expect(page.get_by_label("Status")).to_have_value("contacted")
    history = page.locator("#history-heading ~ .booking-history").first
    expect(history).to_contain_text("Status changed from New to Contacted (manager)")
    expect(history).to_contain_text("Owner changed from nobody to manager (manager)")

    page.get_by_label("Add a note").fill("Left a voicemail; will try again after 2pm.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".messages")).to_contain_text(f"Note added to {reference}.")
    note = page.locator(".booking-note")
    expect(note).to_have_count(1)
    expect(note.locator(".booking-note__meta")).to_contain_text("manager")
    expect(note).to_contain_text("Left a voicemail; will try again after 2pm.")
    expect(history).to_contain_text("Added a note (manager)")
    assert_fits_sideways(page, LAPTOP["width"])
    assert_no_axe_violations(page)
    screenshot(page, "request", whole=True)

    # Found again by email, from the whole inbox: it is no longer overdue.
    page.get_by_role("link", name="← Back to the inbox").click()
    page.get_by_label("Find a request").fill(EMAIL)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#listing-results [role=status]")).to_contain_text(
        f"1 request matching “{EMAIL}”"
    )
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(reference)
    expect(rows.first).to_contain_text("Contacted")
    screenshot(page, "search")

    # The search was posted: no address ever held the email or the name.
    assert f"/admin/booking/requests/{overdue_request.pk}/" in "".join(addresses)
    assert not naming_the_person(addresses), naming_the_person(addresses)


def test_request_page_fits_a_phone_and_its_phone_number_can_be_tapped(
    site_page, booking_manager, overdue_request
):
    page = site_page
    page.set_viewport_size(PHONE)
    sign_in_through_the_form(page, "manager")

    page.goto(f"{page.base_url}/admin/booking/requests/{overdue_request.pk}/")
    call = page.get_by_role("link", name=PHONE_NUMBER)
    expect(call).to_have_attribute("href", "tel:+15550100199")
    call.scroll_into_view_if_needed()
    expect(call).to_be_in_viewport()
    assert_fits_sideways(page, PHONE["width"])
    screenshot(page, "phone")
    screenshot(page, "phone-whole", whole=True)
