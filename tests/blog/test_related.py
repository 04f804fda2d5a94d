import datetime

import pytest

from blog.models import ArticleRelatedLink
from tests.blog.factories import ArticlePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def day(number):
    return datetime.date(2026, 3, number)


def test_editor_chosen_related_articles_come_first_in_their_order(client, article_index):
    article = ArticlePageFactory(parent=article_index, tags=["sleep"])
    chosen = [ArticlePageFactory(parent=article_index, date=day(n)) for n in (1, 2)]
    ArticlePageFactory(parent=article_index, tags=["sleep"], date=day(9))  # would be a fallback
    for order, page in enumerate(chosen):
        ArticleRelatedLink.objects.create(page=article, related=page, sort_order=order)
    assert article.get_related_articles() == chosen


def test_fallback_is_the_latest_sharing_a_tag_or_the_topic(article_index):
    topic = TopicFactory(name="Integration")
    article = ArticlePageFactory(parent=article_index, tags=["sleep"], topic=topic, date=day(20))
    by_tag = ArticlePageFactory(parent=article_index, tags=["sleep"], date=day(5))
    by_topic = ArticlePageFactory(parent=article_index, topic=topic, date=day(6))
    newest = ArticlePageFactory(parent=article_index, tags=["sleep"], topic=topic, date=day(7))
    oldest = ArticlePageFactory(parent=article_index, tags=["sleep"], date=day(1))
    ArticlePageFactory(parent=article_index, tags=["other"], date=day(10))  # unrelated
    ArticlePageFactory(parent=article_index, tags=["sleep"], date=day(11), live=False)  # draft

    related = article.get_related_articles()

    assert related == [newest, by_topic, by_tag]
    assert article not in related and oldest not in related


def test_no_related_articles_without_shared_tags_or_topic(article_index):
    article = ArticlePageFactory(parent=article_index, topic=None)
    ArticlePageFactory(parent=article_index, tags=["sleep"])
    assert article.get_related_articles() == []


def test_article_page_shows_related_cards_in_a_bounded_number_of_queries(
    client, article_index, django_assert_max_num_queries
):
    topic = TopicFactory(name="Integration")
    article = ArticlePageFactory(parent=article_index, tags=["sleep"], topic=topic)
    for _ in range(8):
        ArticlePageFactory(parent=article_index, tags=["sleep"], topic=topic)
    client.get(article.url)
    with django_assert_max_num_queries(25):
        html = client.get(article.url).content.decode()
    assert "Related articles" in html
    assert html.count('class="card article-card"') == 3
