"""Anonymous page views come from the cache; nothing personal or private ever does."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

import booking.demo
from clinic.documents.demo import load_section
from clinic.serving import pagecache
from tests.serving.page_cache.conftest import fetch

pytestmark = pytest.mark.django_db


def test_an_anonymous_view_is_served_from_the_cache_without_a_query(
    client, home_page, django_assert_num_queries
):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_pages_say_how_long_browsers_and_shared_caches_may_keep_them(
    client, home_page, settings
):
    settings.PAGE_CACHE_MAX_AGE = 60
    settings.PAGE_CACHE_S_MAXAGE = 300
    response = client.get("/")
    directives = {item.strip() for item in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=300"}
    hit = client.get("/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Cache-Control"] == response["Cache-Control"]


def test_a_head_request_is_answered_from_the_cached_page(client, home_page):
    client.get("/")
    response = client.head("/")
    assert response["X-Page-Cache"] == "hit"
    assert response.status_code == 200


def test_the_query_string_is_part_of_the_key_in_any_order(client, home_page):
    client.get("/?b=2&a=1")
    assert client.get("/?a=1&b=2")["X-Page-Cache"] == "hit"
    assert client.get("/?a=1")["X-Page-Cache"] == "miss"


def test_the_host_is_part_of_the_key(client, home_page):
    client.get("/", HTTP_HOST="localhost")
    assert client.get("/", HTTP_HOST="127.0.0.1")["X-Page-Cache"] == "miss"


def test_a_signed_in_user_is_never_served_or_stored(client, home_page, superuser):
    client.get("/")  # an anonymous copy is in the cache
    client.force_login(superuser)
    for _ in range(2):
        response = client.get("/")
        assert response["X-Page-Cache"] == "skip"
        assert "private" in response["Cache-Control"]
    client.logout()
    # What the signed-in user saw was not stored for anyone else.
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_the_booking_page_and_its_thank_you_page_are_never_cached(client, home_page):
    page = load_section(booking.demo, home_page)
    for url in (page.url, page.url + "thank-you/"):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["X-Page-Cache"] == "skip", url
            assert "no-store" in response["Cache-Control"], url


def test_search_results_and_the_admin_are_never_cached(client, home_page):
    for url in ("/search/?q=ketamine", "/admin/login/"):
        for _ in range(2):
            response = client.get(url)
            assert response["X-Page-Cache"] == "skip", url
    assert "no-cache" in client.get("/search/?q=ketamine")["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_never_stored(rf):
    def view(request):
        response = HttpResponse("<p>Hello</p>")
        response.set_cookie("seen", "yes")
        return response

    middleware = pagecache.PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(rf.get("/hello/"))
        assert response["X-Page-Cache"] == "skip"
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("cache_control", ["private", "no-store", "no-cache", "private, max-age=0"])
def test_a_response_the_view_marks_private_is_never_stored(rf, cache_control):
    def view(request):
        response = HttpResponse("<p>Yours</p>")
        response["Cache-Control"] = cache_control
        return response

    middleware = pagecache.PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(rf.get("/yours/"))
        assert response["X-Page-Cache"] == "skip"
        assert response["Cache-Control"] == cache_control


def test_a_request_with_a_session_cookie_is_never_served_from_the_cache(client, home_page):
    client.get("/")
    client.cookies["sessionid"] = "whatever"
    assert client.get("/")["X-Page-Cache"] == "skip"


def test_errors_and_redirects_are_not_stored(client, home_page):
    for _ in range(2):
        assert client.get("/no-such-page/")["X-Page-Cache"] == "skip"


def test_a_page_rendered_while_the_generation_moved_is_never_served(rf, settings):
    """A page read from rows that an editor changes mid-render is stored under the old
    generation, so the next request renders it again."""
    calls = []

    def view(request):
        calls.append(1)
        if len(calls) == 1:
            pagecache.bump_generation()  # a publish commits while this page renders
        return HttpResponse(f"<p>render {len(calls)}</p>")

    middleware = pagecache.PageCacheMiddleware(view)
    assert middleware(rf.get("/race/"))["X-Page-Cache"] == "miss"
    second = middleware(rf.get("/race/"))
    assert second["X-Page-Cache"] == "miss"
    assert b"render 2" in second.content
    assert middleware(rf.get("/race/"))["X-Page-Cache"] == "hit"


def test_switched_off_it_stores_nothing(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response


def test_the_key_holds_no_visitor_data():
    request = RequestFactory().get("/articles/?page=2", HTTP_HOST="localhost")
    assert pagecache.page_key(request).startswith("pagecache:page:")


def test_fetch_helper_reports_the_verdict(client, home_page):
    assert fetch(client, "/")[1] == "miss"


def test_a_lost_generation_never_brings_an_old_copy_back(client, home_page):
    """Redis may evict the generation token: the copies stored under it are never served
    again, whatever token comes next."""
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    cache.delete(pagecache.GENERATION_KEY)
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
