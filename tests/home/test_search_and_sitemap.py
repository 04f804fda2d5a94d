import datetime
import xml.etree.ElementTree as ET
from datetime import UTC

import pytest
from django.utils import timezone
from wagtail.models import Page

from clinic.editorial.people import Person
from tests.factories import StandardPageFactory

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def pages(home_page):
    pages = {
        "ketamine": StandardPageFactory(
            parent=home_page, title="Ketamine and the glutamate system", slug="glutamate"
        ),
        "hours": StandardPageFactory(parent=home_page, title="Opening hours", slug="hours"),
        "draft": StandardPageFactory(
            parent=home_page, title="Ketamine draft notes", slug="draft", live=False
        ),
    }
    for page in (home_page, pages["ketamine"], pages["hours"]):
        page.save_revision().publish()
    return pages


@pytest.mark.django_db
def test_search_finds_live_pages_by_title(client, pages):
    response = client.get("/search/", {"q": "ketamine"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ketamine and the glutamate system" in html
    assert "Ketamine draft notes" not in html
    assert "Opening hours" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Type a word or two"),
        ({"q": "   "}, "Type a word or two"),
        ({"q": "zzzyxq"}, "We found nothing for “zzzyxq”"),
        ({"q": "ketamine", "page": "abc"}, "Ketamine and the glutamate system"),
        ({"q": "ketamine", "page": "999"}, "Ketamine and the glutamate system"),
    ],
)
def test_search_explains_empty_queries_and_no_results(client, pages, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.django_db
def test_header_has_a_search_box_on_every_page(client, pages):
    html = client.get(pages["hours"].url).content.decode()
    assert 'action="/search/"' in html
    assert '<label for="header-search" class="visually-hidden">Search the site</label>' in html


@pytest.mark.django_db
def test_sitemap_lists_live_public_pages_with_lastmod(client, pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    assert "http://localhost/glutamate/" in entries  # the default site's host name
    assert "http://localhost/draft/" not in entries
    assert all(entries.values())


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


LONG_AGO = datetime.datetime(2020, 1, 2, 12, tzinfo=UTC)


def day(moment):
    """A moment as the sitemap gives it: its date in the site's time zone."""
    return timezone.localtime(moment).date().isoformat()


def sitemap_entries(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


@pytest.mark.django_db
def test_every_sitemap_entry_has_lastmod_clinician_profiles_too(client, pages, team_page, okafor):
    team_page.save_revision().publish()
    entries = sitemap_entries(client)
    assert "http://localhost/team/dr-amara-okafor/" in entries
    assert all(entries.values()), [url for url, lastmod in entries.items() if not lastmod]


@pytest.mark.django_db
def test_a_profiles_lastmod_is_when_the_person_or_the_team_page_last_changed(
    client, team_page, okafor
):
    team_page.save_revision().publish()
    profile = "http://localhost/team/dr-amara-okafor/"
    Person.objects.filter(pk=okafor.pk).update(updated_at=LONG_AGO)
    assert sitemap_entries(client)[profile] == day(team_page.last_published_at)

    okafor.refresh_from_db()
    okafor.bio = "Dr. Okafor leads the medical team and supervises infusions."
    okafor.save()
    Page.objects.filter(pk=team_page.pk).update(last_published_at=LONG_AGO)
    assert sitemap_entries(client)[profile] == day(okafor.updated_at)
