"""A failed security check (expired or blocked cookie) on the booking form: the clinic's own
page with the answers kept, a fresh token, the phone and the crisis lines; nothing stored."""

import re

import pytest
from django.test import Client

from booking.models import BookingSubmission

pytestmark = pytest.mark.django_db

MESSAGE = "anything_you_would_like_us_to_know_before_we_call"


@pytest.fixture
def typed(valid_data):
    return dict(
        valid_data,
        full_name="Robin Expired-Cookie",
        email="robin@example.com",
        **{MESSAGE: "Left the page open over lunch."},
    )


def fresh_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def assert_the_clinics_page_with_the_answers(response):
    html = response.content.decode()
    assert response.status_code == 403
    assert "CSRF verification failed" not in html
    assert "Your request has not been sent yet" in html
    assert 'value="Robin Expired-Cookie"' in html
    assert 'value="robin@example.com"' in html
    assert "Left the page open over lunch.</textarea>" in html
    assert re.search(r'name="consent"[^>]*checked', html)
    notice = html[html.index('id="booking-notice"') : html.index('class="booking-form"')]
    assert 'href="tel:5550100140"' in notice
    assert "Test Crisis Line" in notice
    assert "no-store" in response["Cache-Control"]
    return html


def test_an_expired_token_brings_the_form_back_with_the_answers_and_a_fresh_token(
    booking_page, typed, clinic_contacts
):
    client = Client(enforce_csrf_checks=True)
    client.get(booking_page.url)

    response = client.post(booking_page.url, dict(typed, csrfmiddlewaretoken="x" * 64))

    html = assert_the_clinics_page_with_the_answers(response)
    assert BookingSubmission.objects.count() == 0
    # Sending again from that page goes through.
    again = client.post(booking_page.url, dict(typed, csrfmiddlewaretoken=fresh_token(html)))
    assert again.status_code == 302
    assert BookingSubmission.objects.count() == 1


def test_a_missing_cookie_gets_the_page_and_a_new_cookie(booking_page, typed, clinic_contacts):
    client = Client(enforce_csrf_checks=True)  # never opened the page: no cookie

    response = client.post(booking_page.url, dict(typed, csrfmiddlewaretoken="x" * 64))

    html = assert_the_clinics_page_with_the_answers(response)
    assert "csrftoken" in response.cookies
    assert BookingSubmission.objects.count() == 0
    again = client.post(booking_page.url, dict(typed, csrfmiddlewaretoken=fresh_token(html)))
    assert again.status_code == 302
    assert BookingSubmission.objects.count() == 1


def test_a_csrf_failure_never_counts_towards_the_rate_limit(booking_page, typed, settings):
    settings.BOOKING_POST_LIMIT = 1
    settings.BOOKING_RATE_LIMIT = 1
    client = Client(enforce_csrf_checks=True)
    for _ in range(3):
        assert client.post(booking_page.url, typed).status_code == 403
    html = client.get(booking_page.url).content.decode()
    response = client.post(booking_page.url, dict(typed, csrfmiddlewaretoken=fresh_token(html)))
    assert response.status_code == 302
