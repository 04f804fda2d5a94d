"""Articles: an index with tag and topic filters and feeds, and the articles themselves.

Listings run a fixed number of queries however many articles there are: one query for
the articles (with their topics and hero images), and one for the renditions of the cards
the fragment cache lacks. Feeds add one prefetch each for authors and tags. Page URLs come
from the request's cached site root paths.
"""

# The models register in the order they had in one module (it sets e.g. a new database's
# content type ids): article imports index, which imports taxonomy.
from .article import (
    RELATED_ARTICLES,
    ArticleAuthor,
    ArticlePage,
    ArticlePageManager,
    ArticlePageQuerySet,
    ArticleRelatedLink,
)
from .index import (
    ARTICLES_PER_PAGE,
    CARD_IMAGE_FORMATS,
    CARD_IMAGE_SIZES,
    CARD_RENDITION_SPECS,
    FEED_LENGTH,
    ArticleIndexPage,
)
from .reading import WORDS_PER_MINUTE, body_text, reading_minutes, word_count
from .taxonomy import ArticleTag, Topic

__all__ = [
    "ARTICLES_PER_PAGE",
    "CARD_IMAGE_FORMATS",
    "CARD_IMAGE_SIZES",
    "CARD_RENDITION_SPECS",
    "FEED_LENGTH",
    "RELATED_ARTICLES",
    "WORDS_PER_MINUTE",
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageManager",
    "ArticlePageQuerySet",
    "ArticleRelatedLink",
    "ArticleTag",
    "Topic",
    "body_text",
    "reading_minutes",
    "word_count",
]
