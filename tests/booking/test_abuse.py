"""Spam and abuse: CSRF, the honeypot and the per-IP rate limit store nothing."""

import re
import uuid

import pytest
from django.core.cache import cache
from django.test import Client

from booking import ratelimit
from booking.models import BookingSubmission
from tests.throwaway_redis import TEST_REDIS_URL, shared_redis_reachable

pytestmark = pytest.mark.django_db


def test_a_post_without_the_csrf_token_is_refused(booking_page, valid_data):
    client = Client(enforce_csrf_checks=True)
    response = client.post(booking_page.url, valid_data)
    assert response.status_code == 403
    assert BookingSubmission.objects.count() == 0


def test_a_post_with_the_csrf_token_from_the_page_is_accepted(booking_page, valid_data):
    client = Client(enforce_csrf_checks=True)
    client.get(booking_page.url)
    token = client.cookies["csrftoken"].value
    response = client.post(booking_page.url, dict(valid_data, csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert BookingSubmission.objects.count() == 1


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(
    client, booking_page, valid_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(booking_page.url, dict(valid_data, website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/book-a-consultation/thank-you/"
    assert BookingSubmission.objects.count() == 0
    assert mailoutbox == []


def test_the_honeypot_is_hidden_from_people_and_labelled_leave_blank(client, booking_page):
    html = client.get(booking_page.url).content.decode()
    trap = html[html.index('class="form-trap"') :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in html[html.index('class="form-trap"') - 40 :][:120]
    assert "Leave this field blank" in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap


def test_request_after_the_limit_gets_429_with_crisis_lines_and_stores_nothing(
    client, booking_page, valid_data, settings
):
    settings.BOOKING_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(booking_page.url, valid_data).status_code == 302
    assert BookingSubmission.objects.count() == 3

    response = client.post(booking_page.url, valid_data)

    assert response.status_code == 429
    assert BookingSubmission.objects.count() == 3
    html = response.content.decode()
    assert "Nothing you sent this time has been stored" in html
    assert "crisis-lines" in html
    assert "no-store" in response["Cache-Control"]
    assert response["Retry-After"] == "3600"


def test_the_default_limit_is_five_posts_an_hour(client, booking_page, valid_data):
    statuses = [client.post(booking_page.url, valid_data).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]


def test_honeypot_posts_count_towards_the_limit(client, booking_page, valid_data, settings):
    settings.BOOKING_RATE_LIMIT = 2
    client.post(booking_page.url, dict(valid_data, website="spam"))
    client.post(booking_page.url, dict(valid_data, website="spam"))
    assert client.post(booking_page.url, valid_data).status_code == 429
    assert BookingSubmission.objects.count() == 0


def test_typos_do_not_use_up_the_limit(client, booking_page, valid_data):
    """Five (and more) posts with mistakes from a waiting room's shared address, then the
    right one: it is taken and stored."""
    for _ in range(7):
        response = client.post(booking_page.url, dict(valid_data, email="avery@"))
        assert response.status_code == 200
        assert "There is a problem with your request" in response.content.decode()
    assert client.post(booking_page.url, valid_data).status_code == 302
    assert BookingSubmission.objects.count() == 1


def test_invalid_posts_have_their_own_higher_limit(client, booking_page, valid_data, settings):
    settings.BOOKING_POST_LIMIT = 4
    statuses = [client.post(booking_page.url, {}).status_code for _ in range(4)]
    response = client.post(booking_page.url, valid_data)
    assert statuses == [200] * 4
    assert response.status_code == 429
    assert BookingSubmission.objects.count() == 0


def test_a_limited_request_comes_back_with_everything_typed_the_phone_and_crisis_lines(
    client, booking_page, valid_data, settings, clinic_contacts
):
    settings.BOOKING_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(booking_page.url, valid_data).status_code == 302
    typed = dict(
        valid_data,
        full_name="Robin Waiting-Room",
        email="robin@example.com",
        anything_you_would_like_us_to_know_before_we_call="Afternoons, after two.",
    )

    response = client.post(booking_page.url, typed)

    assert response.status_code == 429
    assert BookingSubmission.objects.count() == 2
    html = response.content.decode()
    assert "Sorry, we could not take your request just now" in html
    assert "Nothing you sent this time has been stored" in html
    assert 'value="Robin Waiting-Room"' in html
    assert 'value="robin@example.com"' in html
    assert "Afternoons, after two.</textarea>" in html
    assert re.search(r'value="Saturday mornings"[^>]*checked', html)
    assert re.search(r'name="consent"[^>]*checked', html)
    notice = html[html.index('id="booking-notice"') : html.index('class="booking-form"')]
    assert 'href="tel:5550100140"' in notice
    assert "Test Crisis Line" in notice
    assert 'href="tel:5550199"' in notice
    assert "csrfmiddlewaretoken" in html  # the form can be sent again from this page


def test_the_limit_is_per_address(booking_page, valid_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    first, second = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    assert first.post(booking_page.url, valid_data).status_code == 302
    assert first.post(booking_page.url, valid_data).status_code == 429
    assert second.post(booking_page.url, valid_data).status_code == 302


def test_the_window_ends(client, booking_page, valid_data, settings):
    settings.BOOKING_RATE_LIMIT = 1
    client.post(booking_page.url, valid_data)
    cache.delete(ratelimit.cache_key("127.0.0.1"))  # what the cache does when the window ends
    assert client.post(booking_page.url, valid_data).status_code == 302


def test_getting_the_page_is_not_limited(client, booking_page, settings):
    settings.BOOKING_RATE_LIMIT = 1
    assert all(client.get(booking_page.url).status_code == 200 for _ in range(5))


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(rf, settings):
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")
    settings.BOOKING_TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.0.0.2"
    settings.BOOKING_TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_ip(request) == "10.0.0.1"
    settings.BOOKING_TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_ip(request) == "203.0.113.9"


def test_a_forged_forwarded_for_cannot_dodge_the_limit_behind_one_proxy(
    booking_page, valid_data, settings
):
    settings.BOOKING_TRUSTED_PROXY_COUNT = 1
    settings.BOOKING_RATE_LIMIT = 1
    client = Client(REMOTE_ADDR="10.0.0.1")
    # The proxy appends the real client (192.0.2.7); the client forges what comes before.
    first = client.post(booking_page.url, valid_data, HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.7")
    second = client.post(booking_page.url, valid_data, HTTP_X_FORWARDED_FOR="2.2.2.2, 192.0.2.7")
    assert (first.status_code, second.status_code) == (302, 429)


def test_the_cache_key_holds_no_raw_address():
    key = ratelimit.cache_key("203.0.113.9")
    assert "203.0.113.9" not in key
    assert key.startswith("booking:rate:")
    assert key != ratelimit.cache_key("203.0.113.10")


@pytest.mark.skipif(
    not shared_redis_reachable(), reason=f"needs Redis at {TEST_REDIS_URL} (CI starts one)"
)
def test_the_counts_live_in_the_shared_redis_cache(booking_page, valid_data, settings):
    """Two app servers share Redis: a second connection sees the first one's count."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": f"booking-test-{uuid.uuid4().hex}",
        }
    }
    settings.BOOKING_RATE_LIMIT = 2
    try:
        assert Client().post(booking_page.url, valid_data).status_code == 302
        caches["default"].close()  # as if the next request reached another app server
        forged = Client().post(booking_page.url, valid_data, HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert forged.status_code == 302  # no trusted proxy: the header changes nothing
        assert Client().post(booking_page.url, valid_data).status_code == 429
        assert BookingSubmission.objects.count() == 2
        assert caches["default"].get(ratelimit.cache_key("127.0.0.1")) == 2
        assert caches["default"].get(ratelimit.cache_key("127.0.0.1", "posts")) == 3
    finally:
        for kind in ("rate", "posts"):  # never flush a shared Redis
            caches["default"].delete(ratelimit.cache_key("127.0.0.1", kind))
