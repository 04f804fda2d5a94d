"""The thank-you page gives the request's reference, so a caller can quote it; the reference
never goes into an address."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags

from booking.models import BookingSubmission

pytestmark = pytest.mark.django_db


def words(response):
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def test_the_thank_you_page_gives_the_reference_and_the_address_does_not(
    client, booking_page, valid_data
):
    response = client.post(booking_page.url, valid_data)
    reference = BookingSubmission.objects.get().reference

    assert response.status_code == 302
    assert reference not in response["Location"]
    assert response["Location"] == booking_page.thank_you_url()
    thanks = client.get(response["Location"])
    assert f"Your reference is {reference}." in words(thanks)
    assert "no-store" in thanks["Cache-Control"]


def test_another_visitor_sees_no_reference(client, booking_page, valid_data):
    client.post(booking_page.url, valid_data)
    reference = BookingSubmission.objects.get().reference
    assert reference not in Client().get(booking_page.thank_you_url()).content.decode()


def test_the_reference_is_shown_only_for_a_short_while(client, booking_page, valid_data):
    client.post(booking_page.url, valid_data)
    reference = BookingSubmission.objects.get().reference
    later = timezone.now() + datetime.timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        response = client.get(booking_page.thank_you_url())
    assert reference not in response.content.decode()
    assert "Your reference is" not in words(response)


def test_a_bot_caught_by_the_honeypot_gets_no_reference(client, booking_page, valid_data):
    client.post(booking_page.url, dict(valid_data, website="spam"))
    response = client.get(booking_page.thank_you_url())
    assert "Your reference is" not in words(response)
    assert BookingSubmission.objects.count() == 0
