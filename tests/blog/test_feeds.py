import datetime
import xml.etree.ElementTree as ET

import pytest

from tests.blog.factories import ArticlePageFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def parse(content):
    """Our own feed's XML, so the standard library parser is fine here."""
    return ET.fromstring(content)  # noqa: S314


@pytest.fixture
def articles(article_index):
    amara = PersonFactory(name="Dr. Amara Test")
    jonah = PersonFactory(name="Jonah Test")
    return [
        ArticlePageFactory(
            parent=article_index,
            title=f"Article {day}",
            teaser=f"Teaser {day}",
            date=datetime.date(2026, 1, day),
            authors=[amara, jonah],
            tags=["sleep"],
        )
        for day in range(1, 23)
    ]


def test_rss_feed_lists_the_latest_20_articles_newest_first(client, article_index, articles):
    response = client.get(article_index.url + "feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        f"Article {day}" for day in range(22, 2, -1)
    ]
    first = items[0]
    assert first.findtext("link") == articles[-1].full_url
    assert first.findtext("description") == "Teaser 22"
    assert first.findtext(f"{DC}creator") == "Dr. Amara Test and Jonah Test"
    assert "Thu, 22 Jan 2026" in first.findtext("pubDate")
    assert "sleep" in [category.text for category in first.findall("category")]


def test_atom_feed_lists_the_latest_20_articles_newest_first(client, article_index, articles):
    response = client.get(article_index.url + "feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        f"Article {day}" for day in range(22, 2, -1)
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == articles[-1].full_url
    assert first.findtext(f"{ATOM}summary") == "Teaser 22"
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Dr. Amara Test and Jonah Test"
    assert first.findtext(f"{ATOM}published").startswith("2026-01-22")


def test_feeds_are_linked_from_the_page_head(client, article_index, articles):
    for url in (article_index.url, articles[0].url):
        head = client.get(url).content.decode().split("</head>")[0]
        rss = f'title="Articles (RSS)" href="{article_index.url}feed/rss/"'
        atom = f'title="Articles (Atom)" href="{article_index.url}feed/atom/"'
        assert f'type="application/rss+xml" {rss}' in head
        assert f'type="application/atom+xml" {atom}' in head


def test_feed_leaves_out_drafts(client, article_index):
    ArticlePageFactory(parent=article_index, title="Draft only", live=False)
    ArticlePageFactory(parent=article_index, title="Published")
    channel = parse(client.get(article_index.url + "feed/rss/").content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Published"]
