"""With SITE_URL set, every absolute URL the site emits uses it, whatever host the request came
in on: canonical links, og:url, JSON-LD, the sitemap, the feeds and robots.txt."""

import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Site

from clinic.serving.site_url import configure_after_migrate, configure_default_site
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://clinic.example"
# A request for the second host name the deployment answers, over HTTPS behind the proxy.
ON_ANOTHER_HOST = {"HTTP_HOST": "www.clinic.example", "HTTP_X_FORWARDED_PROTO": "https"}
ABSOLUTE_URL = re.compile(r"\bhttps?://[^\s\"'<>]+")


@pytest.fixture
def production_address(settings, site):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "clinic.example", "www.clinic.example"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    configure_default_site()
    return settings


@pytest.fixture
def pages(home_page, production_address):
    treatment = TreatmentPageFactory(parent=TreatmentIndexPageFactory(parent=home_page))
    index = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(parent=index, hero_image=None)
    return {"treatment": treatment, "index": index, "article": article}


def own_urls(text):
    """Absolute URLs that point at this site (not schema.org, not other organisations)."""
    return [
        url
        for url in ABSOLUTE_URL.findall(text)
        if "clinic.example" in url or "testserver" in url or "localhost" in url
    ]


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_the_site_takes_its_address_from_site_url(production_address):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("clinic.example", 443, SITE_URL)


@pytest.mark.parametrize("name", ["treatment", "index", "article"])
def test_every_absolute_url_on_a_page_uses_site_url(client, pages, name):
    page = pages[name]
    html = client.get(page.url, **ON_ANOTHER_HOST).content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    assert canonical == SITE_URL + page.url
    assert f'<meta property="og:url" content="{SITE_URL}{page.url}">' in html
    assert json_ld(html), "the page has structured data"
    urls = own_urls(html)
    assert urls and all(url.startswith(SITE_URL + "/") for url in urls), urls


def test_the_sitemap_feeds_and_robots_txt_use_site_url(client, pages):
    index = pages["index"]
    for url in ("/sitemap.xml", index.url + "feed/rss/", index.url + "feed/atom/", "/robots.txt"):
        text = client.get(url, **ON_ANOTHER_HOST).content.decode()
        found = own_urls(text)
        assert found, url
        assert all(link.startswith(SITE_URL + "/") for link in found), (url, found)
    robots = client.get("/robots.txt", **ON_ANOTHER_HOST).content.decode()
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in robots


def test_without_site_url_urls_follow_the_request(client, pages, settings):
    settings.SITE_URL = ""
    robots = client.get("/robots.txt", HTTP_HOST="www.clinic.example").content.decode()
    assert "Sitemap: http://www.clinic.example/sitemap.xml" in robots


def test_migrate_sets_the_address(settings, site):
    settings.SITE_URL = "http://clinic.example:8080"
    configure_after_migrate(sender=apps.get_app_config("clinic"))
    site.refresh_from_db()
    assert site.root_url == "http://clinic.example:8080"


def test_the_configure_site_command_sets_the_address_once(settings, site):
    settings.SITE_URL = SITE_URL
    out = io.StringIO()
    call_command("configure_site", stdout=out)
    assert "now https://clinic.example (was http://localhost)" in out.getvalue()
    call_command("configure_site", stdout=out)
    assert "already https://clinic.example" in out.getvalue()


def test_the_configure_site_command_says_when_there_is_no_address(settings, site):
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="SITE_URL is not set"):
        call_command("configure_site")
