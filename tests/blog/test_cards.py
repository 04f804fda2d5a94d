import re

import pytest
from django.utils.html import escape

from tests.blog.factories import ArticlePageFactory, TopicFactory, words

pytestmark = pytest.mark.django_db


def test_index_lists_articles_as_cards_newest_first(client, article_index):
    import datetime

    older = ArticlePageFactory(parent=article_index, title="Older", date=datetime.date(2026, 1, 5))
    newer = ArticlePageFactory(parent=article_index, title="Newer", date=datetime.date(2026, 3, 9))
    html = client.get(article_index.url).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert "9 March 2026" in html


def test_card_link_is_named_after_the_article(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Courage & humility")
    html = client.get(article_index.url).content.decode()
    link = re.search(rf'<a [^>]*href="{article.url}"[^>]*>(.*?)</a>', html, re.S)
    assert link is not None
    assert f'aria-label="Read article: {escape(article.title)}"' in link.group(0)
    # The visible text begins the accessible name (WCAG 2.5.3, label in name).
    assert link.group(1).strip() == "Read article"
    # One link per card: the title and picture do not repeat it under another name.
    assert html.count(f'href="{article.url}"') == 1


def test_card_shows_topic_teaser_date_and_reading_time(client, article_index):
    topic = TopicFactory(name="Integration")
    ArticlePageFactory(
        parent=article_index,
        topic=topic,
        teaser="A short note on integration.",
        body=[("paragraph", f"<p>{words(500)}</p>")],
    )
    html = client.get(article_index.url).content.decode()
    assert "A short note on integration." in html
    assert "Integration" in html
    assert "3 min read" in html


def test_card_picture_offers_avif_and_webp_with_size_and_lazy_loading(client, article_index):
    ArticlePageFactory.create_batch(2, parent=article_index)
    html = client.get(article_index.url).content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert 'type="image/avif"' in pictures[1]
    assert 'type="image/webp"' in pictures[1]
    first, second = (re.search(r"<img [^>]+>", picture).group(0) for picture in pictures[:2])
    # The first card is in the first screenful: it loads at once; the rest wait.
    assert 'loading="eager"' in first
    assert 'loading="lazy"' in second
    assert re.search(r'width="\d+"', second) and re.search(r'height="\d+"', second)
    assert "srcset=" in second
    assert 'alt=""' in second


def test_home_page_shows_the_three_latest_articles(client, home_page, article_index):
    import datetime

    for day in range(1, 5):
        ArticlePageFactory(
            parent=article_index, title=f"Day {day}", date=datetime.date(2026, 2, day)
        )
    html = client.get("/").content.decode()
    assert "Latest articles" in html
    assert 'aria-label="Read article: Day 4"' in html
    assert "Day 2" in html and "Day 1" not in html
