"""Articles: their queryset and page model, with authors and related-article links."""

import datetime

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from clinic.blocks import BodyBlock
from clinic.editorial.page_forms import HealthPageForm
from clinic.editorial.references import citation_schema
from clinic.editorial.review_dates import ReviewDatesMixin
from clinic.serving import pagecache
from clinic.serving.shared_data import SharedRestrictionsMixin, public, shared_for_live_page

from .index import ArticleIndexPage
from .reading import reading_minutes
from .taxonomy import ArticleTag, Topic

RELATED_ARTICLES = 3


class ArticlePageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public articles, newest first, with everything a card or feed item shows."""
        return public(self.live()).with_card_data()

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


def moment(date, published_at):
    """An ISO 8601 date and time with the site's offset, as search engines ask: the time it
    was published, or the start of `date` when it was published another day (a set date)."""
    if published_at and (date is None or timezone.localdate(published_at) == date):
        return timezone.localtime(published_at).isoformat(timespec="seconds")
    start = datetime.datetime.combine(date, datetime.time.min)
    return timezone.make_aware(start).isoformat(timespec="seconds")


@ArticleIndexPage.lists
class ArticlePage(SharedRestrictionsMixin, ReviewDatesMixin, Page):
    """An article by one or more clinicians, with a topic, tags and related articles."""

    # Its reading-grade target and limit (clinic/plain_language/page_scores.py): articles may aim
    # higher.
    reading_grade_targets = "article"
    # What a sign-off covers (clinic/editorial/reviewed_content.py); filing and dating it are not.
    reviewed_fields = ("title", "teaser", "hero_image", "hero_image_alt", "body")
    unreviewed_fields = ("date", "topic", "reading_time")
    # Joined in when the page is served (clinic/serving/routing.py): its byline, picture and topic.
    serve_select_related = ("topic", "hero_image", "reviewer")

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

    base_form_class = HealthPageForm
    parent_page_types = ["blog.ArticleIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = "article"
        # Every listing (home, index, tags, topics, feeds, related articles) reads the newest
        # first and stops after a page of them: in this order, with no sort of all articles.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="article_newest_first")]

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
            # Each with @id and url: their profile page (clinic/editorial/people.py, Person.schema).
            "author": [person.schema(request) for person in self.author_list],
        }
        if self.reviewer:
            # schema.org has reviewedBy on web pages, not articles: on the page the article is.
            data["mainEntityOfPage"] = {
                "@type": "WebPage",
                "@id": data["url"],
                "reviewedBy": self.reviewer.schema(request),
            }
            if self.last_reviewed:
                data["mainEntityOfPage"]["lastReviewed"] = self.last_reviewed.isoformat()
        if date:
            data["datePublished"] = moment(date, self.first_published_at)
        if self.last_published_at:
            data["dateModified"] = moment(None, self.last_published_at)
        if self.topic:
            data["about"] = self.topic.name
        if self.hero_image and request:
            # The same rendition as og:image, so it is made once and reused.
            picture = self.hero_image.get_rendition("fill-1200x630")
            data["image"] = request.build_absolute_uri(picture.url)
        data.update(citation_schema(self.body))  # "citation": the sources it lists
        return [data]

    def get_index(self):
        """The index the article is in (its feeds, tags and topics), shared like the menu."""
        parent = self.get_parent()  # known from routing (clinic/serving/routing.py), else one query
        if parent is None or parent.specific_class is not ArticleIndexPage:
            return None
        return pagecache.remember(f"article-index:{parent.pk}", lambda: parent.specific)

    def get_related_articles(self, tags=None):
        """The editor's choices, in their order; else the latest sharing a tag or the topic."""
        listing = ArticlePage.objects.for_listing().exclude(pk=self.pk)
        chosen_ids = [link.related_id for link in self.related_links.all() if link.related_id]
        if chosen_ids:
            by_id = {article.pk: article for article in listing.filter(pk__in=chosen_ids)}
            return [by_id[pk] for pk in chosen_ids if pk in by_id]
        tag_ids = [tag.pk for tag in (self.tags.all() if tags is None else tags)]
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
        context["tags"] = tags = list(self.tags.all())
        context["related_articles"] = shared_for_live_page(
            request, self, "related-articles", lambda: self.get_related_articles(tags)
        )
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
