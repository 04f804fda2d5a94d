"""Listings and feeds run a fixed number of queries, however many articles there are.

Each route is counted with 5 articles and again with 60 against the same bound, and the
two counts must be equal: a query per card, author, tag, picture or URL would show.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.blog.factories import ArticlePageFactory, TopicFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# Room for the site chrome (menu, settings, routing); the articles add a fixed handful.
MAX_QUERIES = 12

ROUTES = {
    "index": "",
    "index-page-2": "?page=2",
    "tag": "tag/sleep/",
    "topic": "topic/integration/",
    "rss": "feed/rss/",
    "atom": "feed/atom/",
}


def add_articles(index, count, topic, people):
    for _ in range(count):
        ArticlePageFactory(parent=index, topic=topic, authors=people, tags=["sleep", "trauma"])


def count_queries(client, url, bound):
    """Queries of a warm view (the first view makes the card renditions), within the bound."""
    client.get(url)
    with bound(MAX_QUERIES), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("route", list(ROUTES))
def test_route_runs_the_same_queries_for_5_and_60_articles(
    client, article_index, route, django_assert_max_num_queries
):
    topic = TopicFactory(name="Integration", slug="integration")
    people = [PersonFactory(), PersonFactory()]
    url = article_index.url + ROUTES[route]
    # Page 2 needs more than 12 articles, so it starts from 13.
    first = 13 if route == "index-page-2" else 5
    add_articles(article_index, first, topic, people)
    few = count_queries(client, url, django_assert_max_num_queries)
    add_articles(article_index, 60 - first, topic, people)
    many = count_queries(client, url, django_assert_max_num_queries)
    print(f"\nQUERIES {route}: {few} with {first} articles, {many} with 60 articles")
    assert few == many


def test_home_page_latest_articles_run_a_fixed_number_of_queries(
    client, home_page, article_index, django_assert_max_num_queries
):
    topic = TopicFactory(name="Integration", slug="integration")
    people = [PersonFactory()]
    add_articles(article_index, 5, topic, people)
    few = count_queries(client, "/", django_assert_max_num_queries)
    add_articles(article_index, 55, topic, people)
    many = count_queries(client, "/", django_assert_max_num_queries)
    print(f"\nQUERIES home: {few} with 5 articles, {many} with 60 articles")
    assert few == many


def test_card_urls_need_no_page_tree_or_site_queries(client, article_index):
    """Every card's URL comes from the request's cached site root paths."""
    add_articles(article_index, 12, TopicFactory(), [PersonFactory()])
    url = article_index.url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    site_queries = [q for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]
    assert len(site_queries) <= 1
    # No query asks for one article's ancestors or URL parts.
    per_article = [q for q in queries if '"wagtailcore_page"."id" = ' in q["sql"]]
    assert len(per_article) <= 2
