"""Factories for articles, topics and the index page."""

import datetime

import factory
import wagtail_factories
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.rich_text import RichText

from blog.models import ArticleAuthor, ArticleIndexPage, ArticlePage, ArticleTag, Topic
from tests.factories import ImageFactory, PersonFactory, SignedOffPageFactory


def words(count, word="calm"):
    return " ".join([word] * count)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))
    description = "Articles on this topic."


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Articles"
    slug = "articles"
    intro = "Writing from the clinic's team."


class ArticlePageFactory(SignedOffPageFactory):
    """ArticlePageFactory(parent=index, authors=[person], tags=["sleep"], hero_image=None)."""

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article number {n}")
    teaser = factory.LazyAttribute(lambda article: f"What {article.title} is about.")
    date = factory.Sequence(lambda n: datetime.date(2026, 6, 1) - datetime.timedelta(days=n))
    topic = factory.SubFactory(TopicFactory)
    hero_image = factory.SubFactory(ImageFactory)
    # Live health pages carry a recorded review (see clinic.editorial.signoff).
    last_reviewed = factory.LazyAttribute(lambda article: article.date or datetime.date(2026, 1, 5))
    reviewer = factory.SubFactory(PersonFactory, name="Dr. Rowan Reviewer")
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "A heading", "level": "h2", "anchor": ""}),
            ("paragraph", RichText(f"<p>{words(100)}</p>")),
        ]
    )

    @factory.post_generation
    def authors(self, create, people, **kwargs):
        if not create:
            return
        for order, person in enumerate(people if people is not None else [PersonFactory()]):
            ArticleAuthor.objects.create(page=self, person=person, sort_order=order)

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if not create or not names:
            return
        for name in names:
            tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
            ArticleTag.objects.create(content_object=self, tag=tag)
