"""Articles: an index with tag and topic filters and feeds, and the articles themselves.

Listings run a fixed number of queries however many articles there are: one query for
the articles (with their topics and hero images), and one for the renditions of the cards
the fragment cache lacks. Feeds add one prefetch each for authors and tags. Page URLs come
from the request's cached site root paths.
"""

import math

from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.blocks.field_block import BaseChoiceBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from clinic import pagecache
from clinic.blocks import BodyBlock
from clinic.models import ReviewDatesMixin

WORDS_PER_MINUTE = 230
ARTICLES_PER_PAGE = 12
FEED_LENGTH = 20
RELATED_ARTICLES = 3

# The renditions an article card asks for (templates/blog/includes/article_card.html):
# fetched in one query for all the cards a listing has to render.
CARD_IMAGE_SIZES = ("fill-400x267", "fill-800x533")
CARD_IMAGE_FORMATS = ("avif", "webp", "jpeg")
CARD_RENDITION_SPECS = tuple(
    f"format-{fmt}|{size}" for size in CARD_IMAGE_SIZES for fmt in CARD_IMAGE_FORMATS
)


class Topic(models.Model):
    """A broad subject an article belongs to, e.g. 'Integration'. Each article has one."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Used in the address of the topic's listing. Made from the name when blank.",
    )
    description = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences shown on the topic's listing."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.name)
        if Topic.objects.exclude(pk=self.pk).filter(slug=self.slug).exists():
            raise ValidationError({"slug": "Another topic already uses this slug."})


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public articles, newest first, with everything a card or feed item shows."""
        return self.live().public().with_card_data()

    def with_card_data(self):
        """Newest first, StreamFields deferred, topic and hero image joined: a card needs no
        other query (its renditions come with the card, see blog/templatetags/article_tags)."""
        return (
            self.defer_streamfields().select_related("topic", "hero_image").order_by("-date", "-pk")
        )

    def with_feed_data(self):
        """Card data plus authors and tags, one prefetch each, for feed items."""
        return self.with_card_data().prefetch_related(
            Prefetch(
                "authors",
                queryset=ArticleAuthor.objects.select_related("person").order_by("sort_order"),
            ),
            "tags",
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticleIndexPage(RoutablePageMixin, Page):
    """Lists the articles below it as cards, 12 a page, with tag and topic filters and feeds."""

    intro = models.TextField(max_length=400, blank=True, help_text="One or two sentences.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ArticlePage"]

    class Meta:
        verbose_name = "article index page"

    def visible_articles(self):
        """The live, public articles below this index (public() costs a query: call once)."""
        return ArticlePage.objects.child_of(self).live().public()

    def listing_url(self, request=None, route=None, **kwargs):
        """The path of the index, or of one of its filtered listings."""
        url = self.get_url(request) or ""
        if route:
            url += self.reverse_subpage(route, kwargs=kwargs)
        return url

    def paginate(self, request, articles, listing):
        """The requested page of articles; 404 for a page that is not a number or out of range.
        The count of a listing is shared until the next change (clinic.pagecache.remember)."""
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
            f"Articles tagged “{tag.name}”",
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
            f"Articles on {topic.name}",
            topic.description,
            route="topic",
            filters=Q(topic=topic),
            slug=slug,
        )

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        from .feeds import ArticleRssFeed

        return ArticleRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from .feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)

    def feed_articles(self):
        return self.visible_articles().with_feed_data()[:FEED_LENGTH]


class ArticlePage(ReviewDatesMixin, Page):
    """An article by one or more clinicians, with a topic, tags and related articles."""

    og_type = "article"

    teaser = models.TextField(
        max_length=300,
        help_text="One or two sentences (at most 300 characters) for cards, feeds and "
        "search results.",
    )
    date = models.DateField(
        "publication date",
        null=True,
        blank=True,
        help_text="Left blank, it becomes the date the article is first published.",
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=200,
        blank=True,
        help_text="Describe what the image shows for people who cannot see it. Leave blank "
        "when it is only decoration.",
    )
    body = StreamField(BodyBlock(), blank=True)
    reading_time = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="Minutes, at about 230 words a minute."
    )

    objects = ArticlePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        InlinePanel("authors", label="Author", min_num=1, heading="Authors"),
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("topic"), FieldPanel("tags")], heading="Publication"
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Hero image"
        ),
        FieldPanel("body"),
        InlinePanel(
            "related_links",
            label="Related article",
            heading="Related articles",
            max_num=RELATED_ARTICLES,
            help_text="Leave empty to show the latest articles that share a tag or the topic.",
        ),
        *ReviewDatesMixin.review_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["blog.ArticleIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        self.clean_review_dates()

    def save(self, *args, **kwargs):
        self.reading_time = reading_minutes(self.body)
        if self.date is None and self.first_published_at:
            # Publishing sets first_published_at before saving: the date follows it.
            self.date = timezone.localdate(self.first_published_at)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"body", "first_published_at"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "reading_time", "date"}
        super().save(*args, **kwargs)

    @property
    def display_date(self):
        if self.date:
            return self.date
        return timezone.localdate(self.first_published_at) if self.first_published_at else None

    @cached_property
    def author_list(self):
        """The article's people in the editor's order (one query, shared by page and JSON-LD)."""
        return [author.person for author in self.authors.select_related("person")]

    def get_meta_description(self):
        return self.search_description or self.teaser

    def get_structured_data(self, request):
        """schema.org Article for the page's JSON-LD (read by clinic's seo_tags)."""
        date = self.display_date
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title,
            "description": self.teaser,
            "url": self.get_full_url(request),
            "author": [{"@type": "Person", "name": person.name} for person in self.author_list],
        }
        if date:
            data["datePublished"] = date.isoformat()
        if self.last_published_at:
            data["dateModified"] = timezone.localdate(self.last_published_at).isoformat()
        if self.topic:
            data["about"] = self.topic.name
        if self.hero_image and request:
            # The same rendition as og:image, so it is made once and reused.
            picture = self.hero_image.get_rendition("fill-1200x630")
            data["image"] = request.build_absolute_uri(picture.url)
        return [data]

    def get_index(self):
        return ArticleIndexPage.objects.parent_of(self).first()

    def get_related_articles(self):
        """The editor's choices, in their order; else the latest sharing a tag or the topic."""
        listing = ArticlePage.objects.for_listing().exclude(pk=self.pk)
        chosen_ids = [link.related_id for link in self.related_links.all() if link.related_id]
        if chosen_ids:
            by_id = {article.pk: article for article in listing.filter(pk__in=chosen_ids)}
            return [by_id[pk] for pk in chosen_ids if pk in by_id]
        tag_ids = [tag.pk for tag in self.tags.all()]
        shared = Q(pk__in=ArticleTag.objects.filter(tag_id__in=tag_ids).values("content_object_id"))
        if self.topic_id:
            shared |= Q(topic_id=self.topic_id)
        if not tag_ids and not self.topic_id:
            return []
        return list(listing.filter(shared)[:RELATED_ARTICLES])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.author_list
        context["article_index"] = self.get_index()
        context["related_articles"] = self.get_related_articles()
        return context


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("clinic.Person", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = "author"


class ArticleRelatedLink(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="+", verbose_name="article"
    )

    panels = [PageChooserPanel("related", page_type="blog.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = "related article"


def body_text(block, value):
    """The words a reader reads in a block's value, walking structs, lists and streams."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from body_text(child.block, child.value)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from body_text(block.child_block, item)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from body_text(child_block, value.get(name))
    elif isinstance(block, BaseChoiceBlock | blocks.BooleanBlock | blocks.URLBlock):
        return  # settings such as a heading level are not read
    else:
        yield from (str(text) for text in block.get_searchable_content(value))


def word_count(stream_value):
    if not stream_value:
        return 0
    return sum(len(text.split()) for text in body_text(stream_value.stream_block, stream_value))


def reading_minutes(stream_value):
    """Whole minutes at about 230 words a minute, never less than one."""
    return max(1, math.ceil(word_count(stream_value) / WORDS_PER_MINUTE))
