import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

import booking.demo
from booking import form_copy
from clinic.documents.demo import load_section
from clinic.serving import outage_copies
from tests.booking.self_check_handoff import BOOKED_AT, TAKEN_AT, token_from_result_page
from tests.factories import UserFactory
from tests.selfcheck.factories import SelfCheckPageFactory


@pytest.fixture
def booking_page(home_page):
    """The demo booking page: the fixed core plus the demo questions."""
    return load_section(booking.demo, home_page)


@pytest.fixture
def page_editor(db):
    """In Wagtail's Editors group: may edit and publish every page, the booking page too."""
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def valid_data():
    return dict(VALID_DATA)


VALID_DATA = {
    "full_name": "Avery Example",
    "email": "avery@example.com",
    "phone": "",
    "contact_method": "Email",
    "which_days_and_times_suit_you": ["Weekday mornings", "Saturday mornings"],
    "service": "not-sure",
    "how_did_you_hear_about_the_clinic": "A web search",
    "anything_you_would_like_us_to_know_before_we_call": "Mornings are best.",
    "i_confirm_that_i_am_18_or_over": "on",
    "consent": "on",
    "website": "",
}


# The self-check hand-off (tests/booking/self_check_handoff.py) ------------------------------


@pytest.fixture
def self_check_clock():
    """7 December 2026, 3 pm in New York, when the visitor takes the self-check."""
    with time_machine.travel(TAKEN_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def self_check_page(home_page, booking_page):
    return SelfCheckPageFactory(parent=home_page, booking_page=booking_page)


@pytest.fixture
def self_check_token(self_check_clock, self_check_page, booking_page):
    """The token the self-check's result page gives; then the next morning, the visitor books."""
    token = token_from_result_page(Client(), self_check_page, booking_page)
    self_check_clock.move_to(BOOKED_AT)
    return token


@pytest.fixture
def fresh_outage_folders(settings, tmp_path):
    """Spool and outage-copy folders of this test alone, and no copies remembered."""
    settings.BOOKING_SPOOL_DIR = tmp_path / "spool"
    settings.OUTAGE_COPY_DIR = tmp_path / "outage"
    outage_copies.forget_written()
    form_copy.forget_kept()
    cache.clear()
    yield
    outage_copies.forget_written()
    form_copy.forget_kept()
