"""RSS 2.0 and Atom feeds of the latest articles below an ArticleIndexPage.

The index page's routes build a feed for itself: `ArticleRssFeed(index)(request)`.
Items come from the same listing query as the cards (StreamFields deferred), plus one
prefetch each for authors and tags, so a feed runs a fixed number of queries.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.models import Site


class ArticleRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        site = Site.find_for_request(self.request)
        site_name = site.site_name if site and site.site_name else ""
        return f"{index.title} | {site_name}" if site_name else index.title

    def link(self, index):
        return index.get_full_url(self.request)

    feed_route = "rss_feed"

    def feed_url(self, index):
        return index.get_full_url(self.request) + index.reverse_subpage(self.feed_route)

    def description(self, index):
        return index.intro or f"The latest {index.title.lower()}."

    subtitle = description

    def items(self, index):
        return index.feed_articles()

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.teaser

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        first = article.first_published_at
        if first and (article.date is None or timezone.localdate(first) == article.date):
            return first
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time(9)))

    def item_updateddate(self, article):
        return article.last_published_at or self.item_pubdate(article)

    def item_author_name(self, article):
        names = [author.person.name for author in article.authors.all()]
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return names[0] if names else None

    def item_categories(self, article):
        categories = [tag.name for tag in article.tags.all()]
        if article.topic:
            categories.insert(0, article.topic.name)
        return categories


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed
    feed_route = "atom_feed"
