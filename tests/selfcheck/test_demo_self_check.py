"""The demo self-check: live, signed off, easy to read, cautious, and linked from the pages
where a visitor wonders whether to book."""

import re

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from clinic.plain_language.page_scores import score_page
from clinic.practice.details import ClinicSettings
from selfcheck.models import BAND_FIELDS, SelfCheckPage
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

# Words a result must never use: a self-check cannot say who a treatment suits.
VERDICT_WORDS = re.compile(
    r"\b(suitable|unsuitable|eligible|candidate|ketamine|esketamine)\b", re.IGNORECASE
)


@pytest.fixture
def demo(site):
    call_command("load_demo_content")
    return SelfCheckPage.objects.get()


def test_the_demo_self_check_is_live_signed_off_and_linked_from_the_settings(demo, site):
    assert demo.live and demo.url == "/check-your-mood/"
    assert demo.has_review_metadata and demo.reviewer.name == "Dr. Amara Okafor"
    assert ClinicSettings.for_site(site).self_check_url == "/check-your-mood/"


def test_every_band_has_its_own_reviewed_words_and_none_gives_a_verdict(demo):
    texts = [strip_tags(getattr(demo, name)) for _, _, name in BAND_FIELDS]
    assert all(texts) and len(set(texts)) == len(texts)
    for text in [*texts, strip_tags(demo.intro)]:
        assert not VERDICT_WORDS.search(text), text


def test_every_reviewed_word_reads_at_grade_8_or_lower(demo):
    score = score_page(demo)
    assert score.words > 400  # the start page and every band's words, as the preview shows
    assert score.grade <= 8, score.longest


def test_treatment_and_booking_pages_link_to_the_self_check(client, demo):
    treatment = TreatmentPage.objects.live().first()
    for url in (treatment.url, ClinicSettings.objects.get().booking_url):
        assert 'href="/check-your-mood/"' in client.get(url).content.decode(), url


def test_loading_the_demo_again_keeps_an_editors_change(demo):
    SelfCheckPage.objects.filter(pk=demo.pk).update(title="How have you been?")
    call_command("load_demo_content")
    assert SelfCheckPage.objects.get().title == "How have you been?"
