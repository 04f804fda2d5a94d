"""The article index: paginated card listings, filtered by tag or topic, and its feeds."""

from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from clinic.editorial.page_forms import ClinicPageForm
from clinic.serving import pagecache
from clinic.serving.shared_data import SharedRestrictionsMixin, public

from .taxonomy import ArticleTag, Topic

ARTICLES_PER_PAGE = 12
FEED_LENGTH = 20

# The renditions an article card asks for (templates/blog/includes/article_card.html):
# fetched in one query for all the cards a listing has to render.
CARD_IMAGE_SIZES = ("fill-400x267", "fill-800x533")
CARD_IMAGE_FORMATS = ("avif", "webp", "jpeg")
CARD_RENDITION_SPECS = tuple(
    f"format-{fmt}|{size}" for size in CARD_IMAGE_SIZES for fmt in CARD_IMAGE_FORMATS
)


class ArticleIndexPage(SharedRestrictionsMixin, RoutablePageMixin, Page):
    """Lists the articles below it as cards, 12 a page, with tag and topic filters and feeds."""

    intro = models.TextField(max_length=400, blank=True, help_text="One or two sentences.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ArticlePage"]
    base_form_class = ClinicPageForm

    # The page type it lists, named by article.py as it defines it (@ArticleIndexPage.lists):
    # an article imports this module to find its index, so this one does not import it back.
    article_model = None

    class Meta:
        verbose_name = "article index page"

    @classmethod
    def lists(cls, article_model):
        """Class decorator: the page type this index lists (and filters, and puts in feeds)."""
        cls.article_model = article_model
        return article_model

    def visible_articles(self):
        """The live, public articles below this index."""
        return public(self.article_model.objects.child_of(self).live())

    def listing_url(self, request=None, route=None, **kwargs):
        """The path of the index, or of one of its filtered listings."""
        url = self.get_url(request) or ""
        if route:
            url += self.reverse_subpage(route, kwargs=kwargs)
        return url

    def paginate(self, request, articles, listing):
        """The requested page of articles; 404 for a page that is not a number or out of range.
        The count of a listing is shared until the next change
        (clinic.serving.pagecache.remember)."""
        number = request.GET.get("page", "1")
        if not number.isascii() or not number.isdigit():
            raise Http404("Page numbers are whole numbers.")
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        paginator.count = pagecache.remember(f"article-count:{listing}", articles.count)
        try:
            return paginator.page(int(number))
        except InvalidPage as error:
            raise Http404(str(error)) from error

    def render_listing(self, request, heading, description="", route=None, filters=None, **kwargs):
        visible = self.visible_articles()
        articles = visible.with_card_data()
        if filters is not None:
            articles = articles.filter(filters)
        listing = f"{self.pk}:{route}:{kwargs.get('slug')}"
        page_of_articles = self.paginate(request, articles, listing)
        path_only = self.listing_url(request, route, **kwargs)
        canonical = (self.get_full_url(request) or "") + (
            self.reverse_subpage(route, kwargs=kwargs) if route else ""
        )
        if page_of_articles.number > 1:
            canonical += f"?page={page_of_articles.number}"

        def page_url(number):
            return path_only if number == 1 else f"{path_only}?page={number}"

        page_links = [
            {"number": number, "url": page_url(number)} if isinstance(number, int) else None
            for number in page_of_articles.paginator.get_elided_page_range(
                page_of_articles.number, on_each_side=1, on_ends=1
            )
        ]
        return self.render(
            request,
            context_overrides={
                "heading": heading,
                "description": description,
                "articles": page_of_articles,
                "page_links": page_links,
                "previous_url": page_of_articles.has_previous()
                and page_url(page_of_articles.previous_page_number()),
                "next_url": page_of_articles.has_next()
                and page_url(page_of_articles.next_page_number()),
                "canonical_url": canonical,
                "topics": pagecache.remember(
                    f"article-topics:{self.pk}",
                    lambda: list(Topic.objects.filter(pk__in=visible.values("topic_id"))),
                ),
                "current_route": route,
                "current_slug": kwargs.get("slug"),
            },
        )

    @path("", name="index")
    def index_route(self, request, *args, **kwargs):
        return self.render_listing(request, self.title, self.intro)

    @path("tag/<slug:slug>/", name="tag")
    def tag_route(self, request, slug):
        tag = Tag.objects.filter(slug=slug, pk__in=ArticleTag.objects.values("tag_id")).first()
        if tag is None:
            raise Http404("No article has this tag.")
        return self.render_listing(
            request,
            gettext("Articles tagged “%(tag)s”") % {"tag": tag.name},
            route="tag",
            filters=Q(pk__in=ArticleTag.objects.filter(tag=tag).values("content_object_id")),
            slug=slug,
        )

    @path("topic/<slug:slug>/", name="topic")
    def topic_route(self, request, slug):
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise Http404("No such topic.")
        return self.render_listing(
            request,
            gettext("Articles on %(topic)s") % {"topic": topic.name},
            topic.description,
            route="topic",
            filters=Q(topic=topic),
            slug=slug,
        )

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        from ..feeds import ArticleRssFeed

        return ArticleRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from ..feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)

    def feed_articles(self):
        return self.visible_articles().with_feed_data()[:FEED_LENGTH]
