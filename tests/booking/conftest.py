import pytest

import booking.demo
from clinic.documents.demo import load_section
from tests.factories import UserFactory


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
