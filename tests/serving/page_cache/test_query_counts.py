"""An uncached request runs as many SQL queries with 3 articles and treatments as with 30:
the cost of a page does not grow with the site (the benchmark shows the same at 1,000)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory
from tests.factories import ImageFactory, PersonFactory
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/",
    "treatment index": "/treatments/",
    "treatment": "/treatments/treatment-1/",
    "article index": "/articles/",
    "article index page 2": "/articles/?page=2",
    "article": "/articles/article-1/",
    "tag": "/articles/tag/sleep/",
    "topic": "/articles/topic/integration/",
    "rss": "/articles/feed/rss/",
    "atom": "/articles/feed/atom/",
    "sitemap": "/sitemap.xml",
}


@pytest.fixture
def site_of(home_page):
    """site_of(n): n more articles and n more treatments on the same site."""
    articles = ArticleIndexPageFactory(parent=home_page)
    treatments = TreatmentIndexPageFactory(parent=home_page)
    topic = TopicFactory(name="Integration", slug="integration")
    people = [PersonFactory(), PersonFactory()]
    images = [ImageFactory() for _ in range(3)]
    made = {"articles": 0, "treatments": 0}

    def grow(count):
        for _ in range(count):
            made["articles"] += 1
            made["treatments"] += 1
            number = made["articles"]
            ArticlePageFactory(
                parent=articles,
                slug=f"article-{number}",
                topic=topic,
                authors=people[: 1 + number % 2],
                tags=["sleep", f"tag-{number}"],
                hero_image=images[number % 3],
            )
            TreatmentPageFactory(
                parent=treatments, slug=f"treatment-{number}", hero_image=images[number % 3]
            )

    return grow


def count_queries(client):
    counts = {}
    for name, url in PAGES.items():
        assert client.get(url).status_code == 200, url  # renditions made on the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_no_page_runs_more_queries_on_a_bigger_site(client, site_of):
    site_of(13)  # two pages of articles
    small = count_queries(client)
    site_of(30)
    big = count_queries(client)
    assert big == small
