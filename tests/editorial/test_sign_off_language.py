"""A page in another language than the site's is signed off only by a Clinical reviewer whose
entry under People lists that language: the reviewer must read the words they approve."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, PageLogEntry, Workflow

from clinic.editorial.reviewed_content import SIGN_OFF_ACTION
from selfcheck.models import SelfCheckPage
from tests.editorial.review_actions import approve, reviewer_reading
from tests.factories import PersonFactory
from tests.selfcheck.factories import SelfCheckPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("languages", "reads_spanish"),
    [
        ("English, Spanish", True),
        ("Español", True),
        ("english, espanol", True),
        ("es", True),
        ("English, French", False),
        ("", False),
    ],
)
def test_a_persons_languages_say_whether_they_read_spanish(languages, reads_spanish):
    assert PersonFactory(languages=languages).reads("es") is reads_spanish
    assert PersonFactory(languages=languages).reads("es-mx") is reads_spanish


@pytest.fixture
def spanish_page_in_review(home_page, clinician):
    """A Spanish self-check page, written and submitted for clinical review."""
    spanish = Locale.objects.get(language_code="es")
    page = SelfCheckPageFactory(
        parent=home_page, locale=spanish, live=False, last_reviewed=None, reviewer=None
    )
    page.save_revision(user=clinician)
    Workflow.objects.get(name="Clinical review").start(page, clinician)
    return page


def test_a_reviewer_who_does_not_read_spanish_cannot_sign_off_a_spanish_page(
    client, spanish_page_in_review
):
    reviewer = reviewer_reading("English, French", "dupont")
    approve(client, spanish_page_in_review, reviewer)
    page = SelfCheckPage.objects.get(pk=spanish_page_in_review.pk)
    assert not page.live and page.reviewer is None
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "it is in Spanish" in client.get(edit).content.decode()


def test_a_reviewer_who_reads_spanish_signs_it_off(client, spanish_page_in_review):
    reviewer = reviewer_reading("English, Spanish", "garcia")
    approve(client, spanish_page_in_review, reviewer)
    page = SelfCheckPage.objects.get(pk=spanish_page_in_review.pk)
    assert page.live and page.reviewer.name == "Dr. garcia"
    entry = PageLogEntry.objects.get(page_id=page.pk, action=SIGN_OFF_ACTION)
    assert entry.data["reading_scale"] == "INFLESZ"  # scored in Spanish, not on a grade


def test_english_pages_ask_no_language_of_their_reviewer(client, home_page, clinician):
    page = SelfCheckPageFactory(parent=home_page, live=False, last_reviewed=None, reviewer=None)
    page.save_revision(user=clinician)
    Workflow.objects.get(name="Clinical review").start(page, clinician)
    approve(client, page, reviewer_reading("", "nolanguages"))
    assert SelfCheckPage.objects.get(pk=page.pk).live
