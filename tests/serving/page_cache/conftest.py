import pytest


@pytest.fixture(autouse=True)
def page_cache(settings, site):
    """The page cache on (the test settings switch it off); the cache starts empty (tests/
    conftest.py) and the `site` fixture has made the clinic's settings first."""
    settings.PAGE_CACHE_ENABLED = True


def fetch(client, url, **kwargs):
    """GET a URL; the page's text and the page cache's verdict (hit, miss or skip)."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), response.get("X-Page-Cache")


def warm(client, url):
    """Render a page once, then check the second view is served from the cache."""
    fetch(client, url)
    text, verdict = fetch(client, url)
    assert verdict == "hit", url
    return text
