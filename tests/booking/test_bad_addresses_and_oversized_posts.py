"""A NUL byte in the booking page's or the inbox's query parameters: a normal page, no 500
(PostgreSQL refuses NUL in text; see tests/serving/test_nul_bytes_in_addresses.py). Too large
a booking post: the 413 page, nothing stored."""

import pytest
from django.urls import reverse

from booking.models import BookingSubmission

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["service=%00", "service=ketamine%00", "service%00=x"])
def test_a_nul_in_the_service_parameter_gets_the_form(client, booking_page, query):
    response = client.get(f"{booking_page.url}?{query}")
    assert response.status_code == 200
    assert "Send request" in response.content.decode()


def test_a_nul_in_the_inbox_filters_gets_the_inbox(client, booking_manager, booking_page):
    client.force_login(booking_manager)
    query = "status=%00&owner=%00&service=%00&received_after=%00&ordering=%00&p=%00"
    response = client.get(reverse("booking_requests:index") + "?" + query)
    assert response.status_code == 200


def test_too_large_a_booking_post_gets_the_413_page_and_stores_nothing(
    client, booking_page, valid_data, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5000
    data = dict(valid_data, anything_you_would_like_us_to_know_before_we_call="x" * 6000)
    response = client.post(booking_page.url, data)
    assert response.status_code == 413
    assert "Sorry, that was too much to send in one go" in response.content.decode()
    assert "crisis-lines" in response.content.decode()
    assert not BookingSubmission.objects.exists()
