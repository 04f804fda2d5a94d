import datetime
import json
import re

import pytest
import time_machine

from tests.blog.factories import ArticlePageFactory, TopicFactory
from tests.factories import ImageFactory, PersonFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_article_page_shows_authors_date_reading_time_and_topic(client, article_index):
    people = [PersonFactory(name="Dr. First", credentials="MD"), PersonFactory(name="Second")]
    article = ArticlePageFactory(
        parent=article_index,
        authors=people,
        topic=TopicFactory(name="Integration"),
        date=datetime.date(2026, 5, 4),
    )
    html = client.get(article.url).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "By Dr. First , MD and Second" in text or "By Dr. First, MD and Second" in text
    assert "Published 4 May 2026" in text
    assert "1 min read" in text
    assert f'href="{article_index.url}topic/integration/"' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_article_page_describes_itself_for_search_engines(client, article_index):
    article = ArticlePageFactory(
        parent=article_index,
        teaser="A calm teaser.",
        authors=[PersonFactory(name="Dr. First")],
        date=datetime.date(2026, 5, 4),
        hero_image=ImageFactory(),
    )
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert '<meta name="description" content="A calm teaser.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert html.count('rel="canonical"') == 1
    articles = [data for data in json_ld(html) if data.get("@type") == "Article"]
    assert articles == [
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": article.title,
            "description": "A calm teaser.",
            "url": article.full_url,
            # No team page here, so no profile @id or url (tests/home/test_team_profiles.py).
            "author": [
                {
                    "@type": "Person",
                    "name": "Dr. First",
                    "description": "MD, psychiatrist",
                    "jobTitle": "Psychiatrist",
                }
            ],
            "mainEntityOfPage": {
                "@type": "WebPage",
                "@id": article.full_url,
                "reviewedBy": {
                    "@type": "Person",
                    "name": "Dr. Rowan Reviewer",
                    "description": "MD, psychiatrist",
                    "jobTitle": "Psychiatrist",
                },
                "lastReviewed": article.last_reviewed.isoformat(),
            },
            # With the site's offset (America/New_York): a set date starts at midnight; the
            # change was published at 12:00 UTC, 08:00 in New York.
            "datePublished": "2026-05-04T00:00:00-04:00",
            "dateModified": "2026-06-01T08:00:00-04:00",
            "about": article.topic.name,
            "image": "http://testserver" + article.hero_image.get_rendition("fill-1200x630").url,
            "inLanguage": "en",
        }
    ]


def test_each_listing_has_one_canonical_url(client, article_index):
    ArticlePageFactory(parent=article_index, tags=["sleep"])
    for route in ("", "tag/sleep/", "?page=1"):
        html = client.get(article_index.url + route).content.decode()
        assert html.count('rel="canonical"') == 1


def test_hero_image_carries_the_editors_alt_text_and_card_pictures_are_decorative(
    client, article_index
):
    article = ArticlePageFactory(parent=article_index, hero_image_alt="Soft green shapes.")
    page_html = client.get(article.url).content.decode()
    assert 'alt="Soft green shapes."' in page_html
    index_html = client.get(article_index.url).content.decode()
    card_img = re.search(r'<img [^>]*class="card__image"[^>]*>', index_html)
    assert card_img and 'alt=""' in card_img.group(0)


def test_article_and_index_previews_render(article_index):
    article = ArticlePageFactory(parent=article_index, tags=["sleep"])
    ArticlePageFactory(parent=article_index, tags=["sleep"])
    assert article.make_preview_request().status_code == 200
    assert article_index.make_preview_request().status_code == 200


def test_topic_slug_is_made_from_its_name():
    topic = TopicFactory.build(name="Mind, body and spirit", slug="")
    topic.save()
    assert topic.slug == "mind-body-and-spirit"
