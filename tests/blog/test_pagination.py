import re

import pytest

from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirteen_articles(article_index):
    return [ArticlePageFactory(parent=article_index) for _ in range(13)]


def card_count(html):
    return html.count('class="card article-card"')


def test_twelve_articles_a_page(client, article_index, thirteen_articles):
    first = client.get(article_index.url).content.decode()
    second = client.get(article_index.url + "?page=2").content.decode()
    assert card_count(first) == 12
    assert card_count(second) == 1
    # thirteen_articles are newest first: the oldest is alone on page 2.
    assert thirteen_articles[-1].title in second
    assert thirteen_articles[-1].title not in first


def test_current_page_link_has_aria_current(client, article_index, thirteen_articles):
    html = client.get(article_index.url + "?page=2").content.decode()
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>(.*?)</a>', html, re.S)
    assert any(re.sub(r"<[^>]+>", "", link).strip() == "Page 2" for link in current)
    assert f'href="{article_index.url}" rel="prev"' in html


def test_page_one_links_to_the_plain_address(client, article_index, thirteen_articles):
    html = client.get(article_index.url).content.decode()
    assert f'href="{article_index.url}?page=2" rel="next"' in html
    assert "?page=1" not in html


def test_each_listing_page_has_its_own_canonical_url(client, article_index, thirteen_articles):
    first = client.get(article_index.url).content.decode()
    second = client.get(article_index.url + "?page=2").content.decode()
    assert f'<link rel="canonical" href="{article_index.full_url}">' in first
    assert f'<link rel="canonical" href="{article_index.full_url}?page=2">' in second


@pytest.mark.parametrize("number", ["0", "3", "999", "abc", "-1", "1.5", "", "²"])
def test_out_of_range_or_non_numeric_pages_give_the_404_page(
    client, article_index, thirteen_articles, number
):
    response = client.get(article_index.url, {"page": number})
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_an_empty_index_shows_a_message_not_an_error(client, article_index):
    response = client.get(article_index.url)
    assert response.status_code == 200
    assert "No articles here yet." in response.content.decode()
