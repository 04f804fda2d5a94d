"""Tag and topic lists repeat articles that the index and the sitemap already give search
engines: they are followed, not indexed, and not in the sitemap."""

import pytest

from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory

pytestmark = pytest.mark.django_db
NOINDEX = '<meta name="robots" content="noindex, follow">'


@pytest.fixture
def index(home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    topic = TopicFactory(name="Integration", slug="integration")
    ArticlePageFactory(parent=index, topic=topic, tags=["sleep"], hero_image=None)
    return index


@pytest.mark.parametrize("route", ["tag/sleep/", "topic/integration/"])
def test_a_tag_or_topic_list_is_followed_but_not_indexed(client, index, route):
    html = client.get(index.url + route).content.decode()
    assert NOINDEX in html
    assert route not in client.get("/sitemap.xml").content.decode()


def test_the_article_index_itself_is_indexed(client, index):
    html = client.get(index.url).content.decode()
    assert 'name="robots"' not in html
    assert index.url in client.get("/sitemap.xml").content.decode()
