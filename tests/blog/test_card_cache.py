"""Article cards are rendered once per content and reused (clinic.serving.fragments), never
stale."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from clinic.serving import pagecache
from tests.blog.factories import ArticlePageFactory, TopicFactory
from tests.factories import signed_off_and_published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False  # every view renders the page; cards may come cached


def rendition_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, [q["sql"] for q in queries if "wagtailimages_rendition" in q["sql"]]


def picture_sources(html):
    return re.findall(r'srcset="([^"]+)"', html)


def test_a_card_rendered_once_is_reused_by_the_next_view_and_other_listings(client, article_index):
    article = ArticlePageFactory(parent=article_index, tags=["sleep"])
    first, first_queries = rendition_queries(client, article_index.url)
    again, again_queries = rendition_queries(client, article_index.url)
    tag_page, tag_queries = rendition_queries(client, article_index.url + "tag/sleep/")

    assert first_queries  # the first view fetched (and made) the card's renditions
    assert again_queries == [] and tag_queries == []
    assert article.title in again and article.title in tag_page
    assert picture_sources(again) == picture_sources(first) == picture_sources(tag_page)


def test_a_republished_article_shows_its_new_title_and_teaser(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Before", teaser="Old teaser.")
    client.get(article_index.url)

    article.title, article.teaser = "After", "New teaser."
    signed_off_and_published(article)
    html = client.get(article_index.url).content.decode()

    assert "After" in html and "New teaser." in html
    assert "Before" not in html and "Old teaser." not in html


def test_a_renamed_topic_shows_on_every_card(client, article_index):
    topic = TopicFactory(name="Integration")
    ArticlePageFactory.create_batch(2, parent=article_index, topic=topic)
    client.get(article_index.url)

    topic.name = "Integration sessions"
    topic.save()
    html = client.get(article_index.url).content.decode()

    assert html.count("Integration sessions</p>") == 2


def test_a_moved_focal_point_gives_the_card_new_renditions(client, article_index):
    article = ArticlePageFactory(parent=article_index)
    before = picture_sources(client.get(article_index.url).content.decode())

    image = article.hero_image
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    after = picture_sources(client.get(article_index.url).content.decode())

    assert after and after != before


def test_purged_renditions_are_never_linked_from_a_cached_card(client, article_index):
    ArticlePageFactory(parent=article_index)
    client.get(article_index.url)
    Rendition = get_image_model().get_rendition_model()

    Rendition.objects.all().delete()  # e.g. an operator purging renditions
    html = client.get(article_index.url).content.decode()

    linked = {url.split()[0] for srcset in picture_sources(html) for url in srcset.split(", ")}
    existing = {rendition.url for rendition in Rendition.objects.all()}
    assert linked and linked <= existing


def test_cards_render_when_the_cache_is_unreachable(client, article_index, monkeypatch):
    article = ArticlePageFactory(parent=article_index)

    def unreachable():
        def get_many(keys):
            raise ConnectionError("cache down")

        return get_many

    monkeypatch.setattr(pagecache, "cache_get_many_lazily", unreachable)
    response = client.get(article_index.url)

    assert response.status_code == 200
    assert f"Read article: {article.title}" in response.content.decode()


def test_the_first_card_loads_its_picture_at_once_even_when_cached_lazy(client, article_index):
    first, second = ArticlePageFactory.create_batch(2, parent=article_index)
    client.get(article_index.url + "?page=1")  # newest (first) eager, the other lazy
    first.date, second.date = second.date, first.date  # swap their order
    first.save_revision().publish()
    second.save_revision().publish()

    html = client.get(article_index.url).content.decode()
    images = re.findall(r"<img [^>]+>", html)

    assert 'loading="eager"' in images[0] and 'loading="lazy"' in images[1]
