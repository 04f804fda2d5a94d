import pytest
from wagtail.rich_text import RichText

from blog.models import reading_minutes, word_count
from tests.blog.factories import ArticlePageFactory, words
from tests.factories import signed_off_and_published

pytestmark = pytest.mark.django_db


def body(article_index, *blocks):
    return ArticlePageFactory(parent=article_index, body=list(blocks)).body


def paragraph(count):
    return ("paragraph", RichText(f"<p>{words(count)}</p>"))


@pytest.mark.parametrize(
    ("count", "minutes"), [(0, 1), (1, 1), (230, 1), (231, 2), (460, 2), (1150, 5)]
)
def test_reading_time_is_words_over_230_rounded_up(article_index, count, minutes):
    blocks = [paragraph(count)] if count else []
    assert reading_minutes(body(article_index, *blocks)) == minutes


def test_headings_count_their_words_but_not_their_level(article_index):
    value = body(
        article_index,
        ("heading", {"text": "Three short words", "level": "h2", "anchor": ""}),
        ("paragraph", RichText("<p>one two</p><p>three</p>")),
    )
    assert word_count(value) == 6


def test_reading_time_is_stored_on_save_and_shown(client, article_index):
    article = ArticlePageFactory(parent=article_index, body=[paragraph(700)])
    assert article.reading_time == 4
    article.body = [paragraph(100)]
    signed_off_and_published(article)
    assert article.reading_time == 1
    assert "1 min read" in client.get(article.url).content.decode()
