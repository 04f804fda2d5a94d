"""A treatment page renders in a number of queries that does not grow with its body."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ImageFactory, StandardPageFactory
from tests.treatments.factories import TreatmentPageFactory, every_block_body, short_body
from treatments.models import TreatmentRelatedTreatment

pytestmark = pytest.mark.django_db

# A body like the demo's: at most 12 (make bench's target). Once every kind of block is present
# (images, chosen pages and their types, fees, sources, documents...), one query per kind of
# block more: measured 18, and it must not grow with the number of blocks. The Spanish edition
# adds four here: the active locale (Wagtail routes from the home page in the address's
# language), the page's live translations (its hreflang links and the switcher), the other
# language's home page for the switcher (remembered between servers with Redis), and Wagtail's
# site root paths of both languages, read again because this test empties the cache.
MAX_QUERIES = 12
MAX_QUERIES_EVERY_BLOCK = 22


def count_queries(client, url):
    client.get(url)  # the first visit makes the image renditions
    cache.clear()  # renditions must come from the database, not the rendition cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def short_page(treatment_index):
    return TreatmentPageFactory(parent=treatment_index, slug="short", body=short_body())


def page_with_every_block(home_page, treatment_index, slug, repeats):
    body = []
    for n in range(repeats):
        linked = StandardPageFactory(parent=home_page, slug=f"{slug}-linked-{n}")
        body += every_block_body(ImageFactory(), linked)
    related = [TreatmentPageFactory(parent=treatment_index) for _ in range(repeats)]
    page = TreatmentPageFactory(parent=treatment_index, slug=slug, body=body)
    for order, treatment in enumerate(related):
        TreatmentRelatedTreatment.objects.create(page=page, treatment=treatment, sort_order=order)
    return page


@pytest.fixture
def long_page(home_page, treatment_index):
    return page_with_every_block(home_page, treatment_index, "long", repeats=6)


def test_short_page_stays_within_the_bound(client, short_page, django_assert_max_num_queries):
    count_queries(client, short_page.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(short_page.url)


def test_long_page_with_many_blocks_and_images_stays_within_the_same_bound(
    client, long_page, django_assert_max_num_queries
):
    count_queries(client, long_page.url)
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES_EVERY_BLOCK):
        response = client.get(long_page.url)
    html = response.content.decode()
    assert html.count('class="figure"') == 6
    # Body images, the hero image and the six related treatments' cards.
    assert html.count("<picture>") == 6 + 1 + 6


def test_doubling_the_blocks_and_images_adds_no_query(
    client, home_page, treatment_index, long_page
):
    longer_page = page_with_every_block(home_page, treatment_index, "longer", repeats=12)
    long = count_queries(client, long_page.url)
    longer = count_queries(client, longer_page.url)
    print(f"queries: 6 of every block {long}, 12 of every block {longer}")
    assert longer == long
