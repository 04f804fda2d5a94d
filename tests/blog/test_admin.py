"""Clinicians write articles in the Wagtail editor; reviewers publish them."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import ArticlePage
from clinic.editorial.review_dates import NO_REVIEW
from tests.blog.factories import ArticlePageFactory, TopicFactory
from tests.factories import ImageFactory, PersonFactory, signed_off_and_published

pytestmark = pytest.mark.django_db


def article_form(author, topic, image, **overrides):
    data = {
        "title": "Staying with difficult feelings",
        "slug": "staying-with-difficult-feelings",
        "teaser": "How acceptance differs from giving up.",
        "authors": inline_formset([{"person": author.pk}]),
        "date": "",
        "topic": topic.pk,
        "tags": "acceptance, mindfulness",
        "hero_image": image.pk,
        "hero_image_alt": "",
        "body": streamfield(
            [
                ("heading", {"text": "What acceptance is", "level": "h2", "anchor": ""}),
                ("paragraph", rich_text("<p>" + "word " * 460 + "</p>")),
            ]
        ),
        "related_links": inline_formset([]),
        "last_reviewed": "",
        "next_review_due": "",
        "reviewer": "",
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_clinician_creates_an_article_draft_in_the_admin(client, clinician, article_index):
    author = PersonFactory(name="Dr. Test Author")
    topic = TopicFactory(name="Therapy approaches")
    client.force_login(clinician)
    url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", article_index.pk))
    assert client.get(url).status_code == 200

    response = client.post(url, article_form(author, topic, ImageFactory()))

    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="staying-with-difficult-feelings")
    assert not article.live  # clinicians cannot publish
    assert article.get_parent().pk == article_index.pk
    draft = article.get_latest_revision_as_object()
    assert [a.person for a in draft.authors.all()] == [author]
    assert sorted(tag.name for tag in draft.tags.all()) == ["acceptance", "mindfulness"]
    assert draft.topic == topic
    # 463 words at 230 a minute: three minutes, stored when saved.
    assert article.reading_time == 3
    assert article.date is None


def test_an_article_cannot_be_published_without_an_author(client, reviewer, article_index):
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", article_index.pk))
    data = article_form(PersonFactory(), TopicFactory(), ImageFactory(), authors=inline_formset([]))
    data["action-publish"] = "publish"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="staying-with-difficult-feelings").exists()


def test_publication_date_defaults_to_the_first_publication(article_index):
    article = ArticlePageFactory(parent=article_index, date=None, live=False)
    with time_machine.travel(datetime.datetime(2026, 4, 2, 15, 0, tzinfo=datetime.UTC)):
        article.save_revision().publish()
    article.refresh_from_db()
    assert article.first_published_at is not None
    assert article.date == timezone.localdate(article.first_published_at)
    assert article.date == datetime.date(2026, 4, 2)

    # Publishing again later keeps the first publication date.
    with time_machine.travel(datetime.datetime(2026, 5, 20, 15, 0, tzinfo=datetime.UTC)):
        article.refresh_from_db()
        article.title = "A revised title"
        signed_off_and_published(article)
    article.refresh_from_db()
    assert article.date == datetime.date(2026, 4, 2)


def test_an_editor_chosen_publication_date_is_kept(article_index):
    article = ArticlePageFactory(parent=article_index, date=datetime.date(2025, 12, 1), live=False)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.date == datetime.date(2025, 12, 1)


def test_an_article_cannot_be_published_before_its_clinical_review(client, reviewer, article_index):
    """Typed review fields are ignored: only a reviewer's approval records a review."""
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", article_index.pk))
    data = article_form(
        PersonFactory(),
        TopicFactory(),
        ImageFactory(),
        last_reviewed="2026-03-01",
        reviewer=PersonFactory(name="Dr. Reviewing Person").pk,
    )
    data["action-publish"] = "publish"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [f"Before you publish: {NO_REVIEW}"]
    assert not ArticlePage.objects.exists()


def test_clinician_can_choose_and_add_topics(client, clinician):
    TopicFactory(name="Integration")
    client.force_login(clinician)
    chooser = client.get(reverse("wagtailsnippetchoosers_blog_topic:choose"))
    assert chooser.status_code == 200
    assert "Integration" in chooser.content.decode()
    assert client.get(reverse("wagtailsnippets_blog_topic:add")).status_code == 200


def test_clinician_opens_an_existing_article_in_the_editor(client, clinician, article_index):
    article = ArticlePageFactory(parent=article_index, tags=["sleep"])
    client.force_login(clinician)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
    assert response.status_code == 200
    assert "Related articles" in response.content.decode()
