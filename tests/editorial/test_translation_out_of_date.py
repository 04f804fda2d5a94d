"""A translation is reviewed against its source: when the English page is changed and signed
off again, its live Spanish translation is "out of date with the English page" in the review
report and in its editor, until it is brought up to date and signed off in its turn."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from clinic.editorial.due_for_review import OUT_OF_DATE, pages_due_for_review
from clinic.editorial.signoff import sign_off
from clinic.editorial.translations import out_of_date
from clinic.security.groups import CLINICAL_REVIEWERS
from selfcheck.models import SelfCheckPage
from tests.factories import PersonFactory, UserFactory, signed_off_and_published
from tests.selfcheck.factories import SelfCheckPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_reviewer():
    user = UserFactory(username="garcia", groups=[CLINICAL_REVIEWERS])
    PersonFactory(name="Dra. Lucía García", languages="English, Spanish", user=user)
    return user


@pytest.fixture
def english(home_page):
    return SelfCheckPageFactory(parent=home_page)


def sign_off_and_publish(page, user):
    revision = page.save_revision(user=user)
    sign_off(revision, user, "12")
    revision.publish()
    return SelfCheckPage.objects.get(pk=page.pk)


@pytest.fixture
def spanish(english, home_page, spanish_reviewer):
    """The Spanish translation, signed off by a reviewer who reads Spanish."""
    page = SelfCheckPageFactory(
        parent=home_page,
        locale=Locale.objects.get(language_code="es"),
        translation_key=english.translation_key,
        title="Revise su estado de ánimo",
        slug="revise-su-estado-de-animo",
        live=False,
        last_reviewed=None,
        reviewer=None,
    )
    return sign_off_and_publish(page, spanish_reviewer)


def change_and_sign_off(english):
    english.phq9_severe = "<p>New reviewed words for the severe band.</p>"
    return signed_off_and_published(english)


def report_states(page):
    return [row.state for row in pages_due_for_review(sources=True) if row.page.pk == page.pk]


def test_a_translation_signed_off_after_its_source_is_up_to_date(spanish):
    assert spanish.live and not out_of_date(spanish)
    assert report_states(spanish) == []


def test_a_changed_and_signed_off_source_puts_its_translation_out_of_date(
    client, english, spanish, spanish_reviewer
):
    change_and_sign_off(english)

    assert out_of_date(spanish)
    assert report_states(spanish) == [OUT_OF_DATE]
    client.force_login(spanish_reviewer)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk]))
    assert "This translation is out of date: its English page was changed" in (
        editor.content.decode()
    )


def test_a_source_signed_off_again_without_a_change_leaves_it_up_to_date(english, spanish):
    signed_off_and_published(english)
    assert not out_of_date(spanish)


def test_bringing_it_up_to_date_and_signing_it_off_clears_it(english, spanish, spanish_reviewer):
    change_and_sign_off(english)
    spanish.phq9_severe = "<p>Nuevas palabras revisadas para el nivel grave.</p>"
    spanish = sign_off_and_publish(spanish, spanish_reviewer)
    assert not out_of_date(spanish)
    assert report_states(spanish) == []


def test_english_pages_are_never_out_of_date(english):
    change_and_sign_off(english)
    assert not out_of_date(english)
