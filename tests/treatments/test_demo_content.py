"""The demo treatments: published, reviewed, featured, cautious, and loaded once."""

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Revision

from clinic.editorial.disclaimer import MedicalDisclaimer
from home.models import HomePage
from treatments.models import TreatmentIndexPage, TreatmentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(site):
    call_command("load_demo_content")
    return HomePage.objects.get(locale__language_code="en")


def test_demo_has_an_index_in_menus_and_three_reviewed_live_treatments(demo):
    index = TreatmentIndexPage.objects.get(locale__language_code="en")
    assert index.live and index.show_in_menus
    pages = TreatmentPage.objects.child_of(index).live()
    assert {page.slug for page in pages} == {
        "ketamine-infusion-therapy",
        "ketamine-assisted-psychotherapy",
        "esketamine-nasal-spray",
    }
    for page in pages:
        assert page.has_review_metadata
        assert page.reviewer.name == "Dr. Amara Okafor"
        assert page.next_review_due > page.last_reviewed
        assert page.hero_image is not None
        assert len(page.summary) <= 300


def test_demo_treatments_are_featured_on_the_home_page(client, demo):
    featured = [item.page.slug for item in demo.featured_treatments.all()]
    assert "ketamine-infusion-therapy" in featured
    assert "Esketamine nasal spray" in client.get("/").content.decode()


def test_demo_pages_render(client, demo):
    for page in [*TreatmentIndexPage.objects.all(), *TreatmentPage.objects.all()]:
        assert client.get(page.url).status_code == 200


def test_demo_is_cautious_about_off_label_use_and_certified_settings(demo):
    def text(slug):
        return str(TreatmentPage.objects.get(slug=slug).body.render_as_block())

    assert "off-label" in text("ketamine-infusion-therapy")
    assert "certified" in text("esketamine-nasal-spray")
    for page in TreatmentPage.objects.filter(locale__language_code="en"):  # Spanish: below
        body = str(page.body.render_as_block())
        assert "Who it may not suit" in body
        assert "Side effects" in body or "side effects" in body


def test_loading_the_demo_again_creates_nothing(demo):
    counts = (
        Revision.objects.count(),
        TreatmentPage.objects.count(),
        get_image_model().objects.count(),
        MedicalDisclaimer.objects.count(),
    )
    call_command("load_demo_content")
    assert (
        Revision.objects.count(),
        TreatmentPage.objects.count(),
        get_image_model().objects.count(),
        MedicalDisclaimer.objects.count(),
    ) == counts


def test_the_spanish_treatment_pages_are_as_cautious(demo):
    def text(slug):
        return str(TreatmentPage.objects.get(slug=slug).body.render_as_block())

    assert "fuera de indicación" in text("terapia-de-infusion-de-ketamina")
    assert "certificad" in text("esketamina-en-aerosol-nasal")
    spanish = TreatmentPage.objects.filter(locale__language_code="es")
    assert spanish.count() == 3
    for page in spanish:
        body = str(page.body.render_as_block())
        assert "A quién puede no convenirle" in body
        assert "efectos secundarios" in body.lower()


def test_the_spanish_treatment_pages_speak_spanish_around_the_body(client, demo):
    html = client.get("/es/tratamientos/esketamina-en-aerosol-nasal/").content.decode()
    assert "Pedir una consulta" in html and "Book a consultation" not in html
    assert "Aerosol nasal" in html  # how it is given
    assert "¿Quiere hablar sobre si este tratamiento podría ayudarle?" in html
