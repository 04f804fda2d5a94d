"""Pages, feeds and the sitemap go out compressed; nothing that holds a secret does (BREACH);
cached pages are compressed once, when stored."""

import gzip

import brotli
import pytest
from django.http import HttpResponse

import booking.demo
from clinic.documents.demo import load_section
from clinic.serving import compression
from tests.blog.factories import ArticleIndexPageFactory

pytestmark = pytest.mark.django_db

BROWSER = "gzip, deflate, br, zstd"


def decoded(response):
    encoding = response.get("Content-Encoding", "identity")
    return {"br": brotli.decompress, "gzip": gzip.decompress}.get(encoding, bytes)(response.content)


def vary(response):
    return {item.strip().lower() for item in response.get("Vary", "").split(",")}


@pytest.fixture
def count_compressions(monkeypatch):
    calls = []
    real = compression.compress

    def counting(content, encoding, quality=compression.LIVE_QUALITY):
        calls.append(encoding)
        return real(content, encoding, quality)

    monkeypatch.setattr(compression, "compress", counting)
    return calls


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        (BROWSER, "br"),
        ("gzip", "gzip"),
        ("gzip;q=1.0, br;q=0", "gzip"),
        ("*", "br"),
        ("identity", None),
        ("", None),
    ],
)
def test_a_page_goes_out_in_the_best_encoding_the_browser_accepts(
    client, home_page, accept, encoding
):
    plain = client.get("/").content  # no Accept-Encoding: as it is
    response = client.get("/", HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == encoding
    assert decoded(response) == plain
    assert int(response["Content-Length"]) == len(response.content)
    assert "accept-encoding" in vary(response)
    if encoding:
        assert len(response.content) < len(plain) / 2


def test_a_cached_page_is_compressed_once_when_stored(client, home_page, count_compressions):
    miss = client.get("/", HTTP_ACCEPT_ENCODING=BROWSER)
    assert miss["X-Page-Cache"] == "miss"
    assert sorted(count_compressions) == ["br", "gzip"]
    count_compressions.clear()
    hits = [client.get("/", HTTP_ACCEPT_ENCODING=accept) for accept in (BROWSER, "gzip", "")]
    assert [hit["X-Page-Cache"] for hit in hits] == ["hit"] * 3
    assert [hit.get("Content-Encoding") for hit in hits] == ["br", "gzip", None]
    assert count_compressions == []
    assert {decoded(hit) for hit in [miss, *hits]} == {hits[2].content}
    assert all("accept-encoding" in vary(hit) for hit in hits)


def test_a_page_the_cache_skips_is_compressed_as_it_goes_out(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = False
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"</html>" in decoded(response)


def test_feeds_and_the_sitemap_are_compressed(client, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    for url in (index.url + "feed/rss/", index.url + "feed/atom/", "/sitemap.xml"):
        response = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER)
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "br", url
        assert decoded(response).startswith(b"<?xml"), url


def test_the_booking_form_which_carries_a_csrf_token_is_never_compressed(client, home_page):
    page = load_section(booking.demo, home_page)
    response = client.get(page.url, HTTP_ACCEPT_ENCODING=BROWSER)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")


def test_pages_for_a_signed_in_visitor_are_never_compressed(client, home_page, superuser):
    client.force_login(superuser)
    for url in ("/", "/admin/"):
        response = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER)
        assert response.status_code == 200, url
        assert not response.has_header("Content-Encoding"), url


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"ok", "text/html"), (b"\x89PNG" + bytes(500), "image/png")],
    ids=["tiny", "an image"],
)
def test_tiny_and_binary_responses_are_left_as_they_are(rf, body, content_type):
    middleware = compression.CompressionMiddleware(
        lambda request: HttpResponse(body, content_type=content_type)
    )
    response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="br"))
    assert not response.has_header("Content-Encoding")
    assert response.content == body
