"""With Redis down the booking form still takes requests, and its limits hold per server
process instead of refusing everyone or letting everyone through
(booking/ratelimit.py, clinic/serving/resilient_cache.py)."""

import pytest
from django.test import Client

from booking.models import BookingSubmission

pytestmark = pytest.mark.django_db


def post(booking_page, data, address="198.51.100.7"):
    return Client().post(booking_page.url, data, REMOTE_ADDR=address).status_code


def test_requests_are_stored_and_limited_per_server_while_redis_is_down(
    booking_page, valid_data, settings, redis_cache
):
    settings.BOOKING_RATE_LIMIT = 2
    redis_cache.stop()

    assert [post(booking_page, valid_data) for _ in range(3)] == [302, 302, 429]
    assert BookingSubmission.objects.count() == 2
    assert post(booking_page, valid_data, address="203.0.113.40") == 302  # not everyone
    assert BookingSubmission.objects.count() == 3


def test_every_post_still_counts_while_redis_is_down(
    booking_page, valid_data, settings, redis_cache
):
    settings.BOOKING_POST_LIMIT = 3
    redis_cache.stop()
    typo = {**valid_data, "email": "not-an-address"}

    assert [post(booking_page, typo) for _ in range(4)] == [200, 200, 200, 429]
    assert BookingSubmission.objects.count() == 0


def test_the_counts_are_shared_again_when_redis_returns(
    booking_page, valid_data, settings, redis_cache, redis_clock
):
    settings.BOOKING_RATE_LIMIT = 1
    redis_cache.stop()
    assert post(booking_page, valid_data) == 302

    redis_cache.start()
    redis_clock.advance(60)
    assert post(booking_page, valid_data) == 302  # Redis starts its own count
    assert post(booking_page, valid_data) == 429
    assert any(":booking:rate:" in key for key in redis_cache.stored_keys())
