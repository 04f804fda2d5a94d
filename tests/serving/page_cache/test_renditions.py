"""A listing makes its pictures' renditions on its first view only, never again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_suffix", ["", "?page=2", "tag/sleep/", "feed/rss/"])
def test_a_listing_writes_nothing_after_its_first_view(client, home_page, settings, url_suffix):
    settings.PAGE_CACHE_ENABLED = False  # every view renders
    index = ArticleIndexPageFactory(parent=home_page)
    images = [ImageFactory() for _ in range(3)]
    for number in range(15):
        ArticlePageFactory(parent=index, hero_image=images[number % 3], tags=["sleep"])
    Rendition = get_image_model().get_rendition_model()
    url = index.url + url_suffix

    assert client.get(url).status_code == 200
    renditions = Rendition.objects.count()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    assert Rendition.objects.count() == renditions
    writes = [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
