"""With Redis lost (stopped, flushed, or back from its snapshot), every page still renders,
staff still sign in, one warning a minute says so, and caching resumes by itself without
ever serving a page older than the last publish (clinic/serving/resilient_cache.py)."""

import logging

import pytest
from django.conf import settings
from django.urls import reverse

from clinic.serving import resilient_cache
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import SuperuserFactory, signed_off_and_published

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # tests/factories.py


@pytest.fixture
def article(home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    return ArticlePageFactory(parent=index, title="Sleep after a session", hero_image=None)


def view(client, url):
    """A page's text and the page cache's verdict; never anything but a 200."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), response["X-Page-Cache"]


def warnings_of(logs):
    return [
        r for r in logs.records if r.name == resilient_cache.__name__ and r.levelname == "WARNING"
    ]


def errors_in(logs):
    return [r for r in logs.records if r.levelno >= logging.ERROR]


def test_every_page_renders_uncached_while_redis_is_down(client, redis_cache, article, clinic_logs):
    urls = ["/", article.get_parent().url, article.url, article.get_parent().url + "feed/rss/"]
    for url in urls:
        view(client, url)
    assert view(client, article.url)[1] == "hit"

    redis_cache.stop()
    for url in urls:
        text, verdict = view(client, url)
        assert verdict == "skip", url
    assert "Sleep after a session" in view(client, article.url)[0]
    assert errors_in(clinic_logs) == []
    assert len(warnings_of(clinic_logs)) == 1


def test_one_warning_a_minute_names_redis_and_never_its_password(
    client, settings, redis_cache, redis_clock, article, clinic_logs
):
    settings.CACHES["default"]["LOCATION"] = redis_cache.url(password="hunter2-secret")
    redis_cache.stop()

    for _ in range(5):
        view(client, article.url)
    redis_clock.advance(59)
    for _ in range(5):
        view(client, article.url)
    [warning] = warnings_of(clinic_logs)
    assert f"Redis at redis://127.0.0.1:{redis_cache.port}/0 is unavailable" in warning.message
    assert "hunter2" not in clinic_logs.text

    redis_clock.advance(2)  # a minute after the first warning
    view(client, article.url)
    assert len(warnings_of(clinic_logs)) == 2
    # Between two tries (every RETRY_SECONDS) Redis is left alone: not one per request.
    assert "2 failed tries since the last warning" in warnings_of(clinic_logs)[1].message
    assert errors_in(clinic_logs) == []


def test_caching_resumes_when_redis_returns_without_a_restart(
    client, redis_cache, redis_clock, article, clinic_logs
):
    view(client, article.url)
    redis_cache.stop()
    assert view(client, article.url)[1] == "skip"

    redis_cache.start()
    redis_clock.advance(resilient_cache.RETRY_SECONDS)
    assert view(client, article.url)[1] == "miss"
    assert view(client, article.url)[1] == "hit"
    assert "answers again" in clinic_logs.text


def test_a_page_published_while_redis_was_down_is_not_served_stale_when_it_returns(
    client, redis_cache, redis_clock, article
):
    view(client, article.url)
    assert view(client, article.url)[1] == "hit"
    redis_cache.stop(keep_data=True)  # back later from its snapshot: the old page in it

    article.title = "Rest after a session"
    signed_off_and_published(article)  # could not tell Redis
    assert "Rest after a session" in view(client, article.url)[0]

    redis_cache.start()
    assert any(key.endswith("pagecache:generation") for key in redis_cache.stored_keys())
    redis_clock.advance(resilient_cache.RETRY_SECONDS)
    text, verdict = view(client, article.url)
    assert verdict == "miss"
    assert "<title>Rest after a session" in text and "<title>Sleep" not in text
    assert view(client, article.url)[1] == "hit"


def test_a_flushed_redis_serves_fresh_pages(client, redis_cache, article):
    view(client, article.url)
    assert view(client, article.url)[1] == "hit"

    redis_cache.flush()
    assert view(client, article.url)[1] == "miss"
    article.title = "Rest after a session"
    signed_off_and_published(article)
    text, verdict = view(client, article.url)
    assert verdict == "miss" and "Rest after a session" in text
    assert view(client, article.url)[1] == "hit"


def test_staff_sign_in_while_redis_is_down(client, redis_cache, home_page):
    """Sessions and lockouts live in the database, not in the cache."""
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    SuperuserFactory(username="admin")
    redis_cache.stop()

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "admin", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
