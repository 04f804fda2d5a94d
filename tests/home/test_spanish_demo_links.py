"""Every translated page of the demo names all its live translations and x-default, absolute
and the same on each (reciprocal), in its <head> and in the sitemap."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture
def demo(site):
    call_command("load_demo_content")


def test_every_translated_demo_page_links_its_translations_both_ways(client, demo):
    spanish = Page.objects.live().filter(locale__language_code="es").exclude(depth=1)
    assert spanish.count() >= 11  # the pages content/es/ translates
    for page in spanish:
        english = page.get_translation(Page.objects.get(depth=2, locale__language_code="en").locale)
        expected = [
            ("en", english.full_url),
            ("es", page.full_url),
            ("x-default", english.full_url),
        ]
        for each in (english, page):
            links = ALTERNATE.findall(client.get(each.url).content.decode())
            assert links == expected, each.url
            assert all(url.startswith("http://") for _, url in links)


def test_the_sitemap_lists_every_spanish_page_with_its_alternates(client, demo):
    xml = client.get("/sitemap.xml").content.decode()

    def entry(page):
        found = re.search(rf"<url><loc>{re.escape(page.full_url)}</loc>.*?</url>", xml)
        return found.group(0) if found else None

    listed = 0
    english_locale = Page.objects.get(depth=2, locale__language_code="en").locale
    for page in Page.objects.live().filter(locale__language_code="es").exclude(depth=1):
        english = entry(page.get_translation(english_locale))
        if english is None:  # noindex in both languages (the booking page)
            assert entry(page) is None, page.url
            continue
        assert f'hreflang="es" href="{page.full_url}"' in english
        assert f'hreflang="es" href="{page.full_url}"' in entry(page)
        assert 'hreflang="x-default"' in entry(page)
        listed += 1
    assert listed >= 10
