"""Treatment cards (home, treatments index, related treatments, related-pages blocks) are
rendered once per content and reused (clinic/templatetags/card_tags.py), never stale."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomeFeaturedTreatment
from tests.factories import ImageFactory, signed_off_and_published
from tests.treatments.factories import TreatmentPageFactory
from treatments.models import TreatmentRelatedTreatment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False  # every view renders the page; cards may come cached


def view(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    renditions = [q for q in queries if "wagtailimages_rendition" in q["sql"]]
    return response.content.decode(), renditions


def card_sources(html):
    return re.findall(r'<article class="card">.*?srcset="([^"]+)"', html, re.S)


@pytest.fixture
def featured(home_page, treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, title="Infusions", summary="A drip.")
    HomeFeaturedTreatment.objects.create(home=home_page, page=page, sort_order=0)
    return page


def test_a_card_rendered_once_is_reused_by_the_next_view_and_other_pages(
    client, featured, treatment_index
):
    first, first_renditions = view(client, "/")
    again, again_renditions = view(client, "/")
    index, index_renditions = view(client, treatment_index.url)

    assert first_renditions  # the first view fetched the card's renditions
    assert again_renditions == [] and index_renditions == []
    assert "Infusions" in again and "A drip." in index
    assert card_sources(again) == card_sources(first) == card_sources(index) != []


def test_a_republished_treatment_shows_its_new_title_and_summary_on_every_card(
    client, featured, treatment_index
):
    other = TreatmentPageFactory(parent=treatment_index, title="Spray")
    TreatmentRelatedTreatment.objects.create(page=other, treatment=featured, sort_order=0)
    for url in ("/", other.url):
        view(client, url)

    featured.title, featured.summary = "Ketamine infusions", "A slow drip over 40 minutes."
    signed_off_and_published(featured)

    for url in ("/", treatment_index.url, other.url):
        html, _ = view(client, url)
        assert "Ketamine infusions" in html and "A slow drip over 40 minutes." in html, url
        assert "A drip." not in html, url


def test_a_new_picture_shows_on_the_card(client, featured):
    before = card_sources(view(client, "/")[0])
    featured.hero_image = ImageFactory(title="A calm room")
    signed_off_and_published(featured)
    after = card_sources(view(client, "/")[0])
    assert after and after != before


def test_an_unpublished_treatment_leaves_the_related_cards(client, featured, treatment_index):
    other = TreatmentPageFactory(parent=treatment_index, title="Spray")
    TreatmentRelatedTreatment.objects.create(page=other, treatment=featured, sort_order=0)
    assert "Infusions" in view(client, other.url)[0]
    featured.unpublish()
    assert "Infusions" not in view(client, other.url)[0]
