"""A clinician's "Translate this page" makes a Spanish draft that starts unreviewed, and it goes
live only through the same Clinical review, signed off by a reviewer who reads Spanish."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, PageLogEntry, Workflow

from blog.models import ArticlePage
from clinic.editorial import translations
from clinic.editorial.review_dates import ReviewMissing
from clinic.editorial.reviewed_content import SIGN_OFF_ACTION
from clinic.editorial.translations import SOURCE_FINGERPRINT
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.editorial.review_actions import approve, reviewer_reading
from tests.factories import live_spanish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home_page):
    index = ArticleIndexPageFactory(parent=home_page, title="Articles", slug="articles")
    live_spanish_translation(home_page, title="Inicio")
    live_spanish_translation(index, title="Artículos", slug="articulos")
    return ArticlePageFactory(parent=index, title="Sleep and depression", slug="sleep")


def translate(client, user, page):
    client.force_login(user)
    url = reverse("simple_translation:submit_page_translation", args=[page.pk])
    spanish = Locale.objects.get(language_code="es")
    return client.post(url, {"locales": [spanish.pk]})


def spanish_of(page):
    return ArticlePage.objects.get(translation_key=page.translation_key, locale__language_code="es")


def test_a_clinician_translates_a_page_into_an_unreviewed_spanish_draft(client, clinician, article):
    response = translate(client, clinician, article)
    assert response.status_code == 302
    draft = spanish_of(article)
    assert not draft.live
    assert (draft.last_reviewed, draft.reviewer, draft.reviewed_fingerprint) == (None, None, "")
    assert draft.get_parent().title == "Artículos"
    assert client.get(f"/es/articulos/{draft.slug}/").status_code == 404
    # Never signed off, so behind nothing: its editor does not call it out of date.
    assert not translations.out_of_date(draft)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "This translation is out of date" not in editor


def test_only_staff_who_write_pages_may_translate(client, booking_manager, article):
    response = translate(client, booking_manager, article)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not ArticlePage.objects.filter(locale__language_code="es").exists()


def test_the_untranslated_copy_cannot_be_published_on_the_english_sign_off(
    client, clinician, article
):
    translate(client, clinician, article)
    draft = spanish_of(article)
    draft.last_reviewed, draft.reviewer = article.last_reviewed, article.reviewer
    with pytest.raises(ReviewMissing):
        draft.save_revision().publish()
    assert not spanish_of(article).live


def test_the_translation_goes_live_only_on_a_spanish_readers_sign_off(client, clinician, article):
    translate(client, clinician, article)
    draft = spanish_of(article)
    draft.title = "El sueño y la depresión"
    draft.save_revision(user=clinician)
    Workflow.objects.get(name="Clinical review").start(draft, clinician)

    approve(client, draft, reviewer_reading("English, French", "dupont"))
    assert not spanish_of(article).live

    approve(client, draft, reviewer_reading("Español, English", "garcia"))
    live = spanish_of(article)
    assert live.live and live.reviewer.name == "Dr. garcia"
    entry = PageLogEntry.objects.get(page_id=live.pk, action=SIGN_OFF_ACTION)
    assert entry.data[SOURCE_FINGERPRINT] == article.reviewed_fingerprint
    client.logout()
    assert "El sueño y la depresión" in client.get(live.url).content.decode()
