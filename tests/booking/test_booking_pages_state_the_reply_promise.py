"""The booking page and its thank-you page promise a reply by a date worked out from the clinic
settings at the moment the page is shown, so the pages and the managers' queue agree."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils.html import strip_tags

from clinic.practice.details import ClinicSettings
from tests.factories import crisis_line

NEW_YORK = ZoneInfo("America/New_York")
# Wednesday 25 November 2026, 15:00 in New York: the day before Thanksgiving.
BEFORE_THANKSGIVING = datetime.datetime(2026, 11, 25, 15, 0, tzinfo=NEW_YORK)
THANKSGIVING = [datetime.date(2026, 11, 26), datetime.date(2026, 11, 27)]


@pytest.fixture(autouse=True)
def clinic_in_new_york(settings):
    settings.TIME_ZONE = "America/New_York"


@pytest.fixture
def clinic(site):
    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0140"
    clinic.reply_working_days = 2
    clinic.closed_days = [("day", {"date": day, "label": "Thanksgiving"}) for day in THANKSGIVING]
    clinic.crisis_lines = [crisis_line(description="Around the clock.", emergency=False)]
    clinic.save()
    return clinic


def text(response):
    """The page's words, without tags or runs of white space."""
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def thank_you(client, booking_page):
    response = client.get(booking_page.thank_you_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response


def test_the_thank_you_page_names_the_day_the_phone_and_the_crisis_lines(
    client, booking_page, clinic
):
    with time_machine.travel(BEFORE_THANKSGIVING, tick=False):
        response = thank_you(client, booking_page)
    html = response.content.decode()
    assert "We will contact you by Tuesday 1 December, within two working days." in text(response)
    assert 'href="tel:5550100140">(555) 010-0140</a>' in html
    assert "Test Crisis Line" in html
    assert 'href="tel:5550199"' in html


def test_the_thank_you_page_works_out_the_day_when_it_is_shown(client, booking_page, clinic):
    with time_machine.travel(BEFORE_THANKSGIVING, tick=False):
        before = text(thank_you(client, booking_page))
    # On Thanksgiving itself (closed) a request counts from Monday: due on Wednesday.
    with time_machine.travel(BEFORE_THANKSGIVING + datetime.timedelta(days=1), tick=False):
        on_the_day = text(thank_you(client, booking_page))
    assert "by Tuesday 1 December" in before
    assert "by Wednesday 2 December" in on_the_day


def test_after_sending_a_request_the_thank_you_page_gives_the_date_and_no_id_in_its_address(
    client, booking_page, clinic, valid_data
):
    with time_machine.travel(BEFORE_THANKSGIVING, tick=False):
        response = client.post(booking_page.url, valid_data, follow=True)
    (address, status), *_ = response.redirect_chain
    assert status == 302
    assert address == booking_page.thank_you_url()
    assert "?" not in address
    assert "We will contact you by Tuesday 1 December" in text(response)


def test_the_booking_page_states_the_settings_number_of_days_and_the_date(
    client, booking_page, clinic
):
    with time_machine.travel(BEFORE_THANKSGIVING, tick=False):
        response = client.get(booking_page.url)
    words = text(response)
    assert (
        "We reply within two working days: send your request now and we will contact you by "
        "Tuesday 1 December." in words
    )
    assert words.count("working day") == 1  # the demo intro no longer repeats a number


def test_changing_the_setting_changes_both_pages_and_the_queue_due_time(
    client, booking_page, clinic, site
):
    clinic.reply_working_days = 1
    clinic.save()
    with time_machine.travel(BEFORE_THANKSGIVING, tick=False):
        booking = text(client.get(booking_page.url))
        thanks = text(thank_you(client, booking_page))
        queue_due = ClinicSettings.for_site(site).reply_due(datetime.datetime.now(tz=NEW_YORK))
    assert (
        "We reply within one working day: send your request now and we will contact you by "
        "Monday 30 November." in booking
    )
    assert "We will contact you by Monday 30 November, within one working day." in thanks
    assert "two working days" not in booking + thanks
    assert queue_due == datetime.datetime(2026, 11, 30, 23, 59, 59, tzinfo=NEW_YORK)

    clinic.reply_working_days = 5
    clinic.save()
    with time_machine.travel(BEFORE_THANKSGIVING, tick=False):
        thanks = text(thank_you(client, booking_page))
    # 30 November, 1, 2, 3, 4 December.
    assert "We will contact you by Friday 4 December, within five working days." in thanks


def test_a_closed_day_added_in_the_settings_moves_the_promised_date(client, booking_page, clinic):
    clinic.closed_days.append(("day", {"date": datetime.date(2026, 11, 30), "label": ""}))
    clinic.save()
    with time_machine.travel(BEFORE_THANKSGIVING, tick=False):
        assert "by Wednesday 2 December" in text(thank_you(client, booking_page))


def test_the_thank_you_page_shows_no_phone_link_when_the_clinic_has_no_phone(
    client, booking_page, clinic
):
    clinic.phone = ""
    clinic.save()
    html = thank_you(client, booking_page).content.decode()
    assert "If you have not heard from us" not in html
    assert 'href="tel:5550199"' in html  # the crisis lines stay
