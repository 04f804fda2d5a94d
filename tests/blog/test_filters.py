import pytest
from taggit.models import Tag

from tests.blog.factories import ArticlePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_tag_page_lists_only_articles_with_the_tag(client, article_index):
    tagged = ArticlePageFactory(parent=article_index, title="About sleep", tags=["Sleep"])
    other = ArticlePageFactory(parent=article_index, title="About trauma", tags=["Trauma"])
    response = client.get(article_index.url + "tag/sleep/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Articles tagged “Sleep”" in html
    assert tagged.title in html
    assert other.title not in html
    assert f'<link rel="canonical" href="{article_index.full_url}tag/sleep/">' in html


def test_topic_page_lists_only_articles_on_the_topic(client, article_index):
    topic = TopicFactory(name="Integration", description="Making sense of sessions.")
    on_topic = ArticlePageFactory(parent=article_index, title="Integrating", topic=topic)
    off_topic = ArticlePageFactory(parent=article_index, title="Something else")
    html = client.get(article_index.url + "topic/integration/").content.decode()
    assert "<h1>Articles on Integration</h1>" in html
    assert "Making sense of sessions." in html
    assert on_topic.title in html
    assert off_topic.title not in html
    assert f'href="{article_index.url}topic/integration/" aria-current="page"' in html


def test_filtered_pages_paginate(client, article_index):
    topic = TopicFactory(name="Integration")
    for _ in range(13):
        ArticlePageFactory(parent=article_index, topic=topic, tags=["sleep"])
    for route in ("tag/sleep/", "topic/integration/"):
        html = client.get(article_index.url + route + "?page=2").content.decode()
        assert html.count('class="card article-card"') == 1
        assert f'href="{article_index.url}{route}" rel="prev"' in html
        assert client.get(article_index.url + route + "?page=3").status_code == 404


def test_unknown_tag_or_topic_gives_404(client, article_index):
    ArticlePageFactory(parent=article_index, tags=["sleep"])
    Tag.objects.create(name="Unused elsewhere", slug="unused-elsewhere")
    assert client.get(article_index.url + "tag/no-such-tag/").status_code == 404
    assert client.get(article_index.url + "tag/unused-elsewhere/").status_code == 404
    assert client.get(article_index.url + "topic/no-such-topic/").status_code == 404


def test_drafts_are_never_listed(client, article_index):
    ArticlePageFactory(parent=article_index, title="Unpublished thoughts", live=False)
    html = client.get(article_index.url).content.decode()
    assert "Unpublished thoughts" not in html


def test_article_links_its_tags_and_topic(client, article_index):
    topic = TopicFactory(name="Integration")
    article = ArticlePageFactory(parent=article_index, topic=topic, tags=["Sleep"])
    html = client.get(article.url).content.decode()
    assert f'href="{article_index.url}tag/sleep/"' in html
    assert f'href="{article_index.url}topic/integration/"' in html
