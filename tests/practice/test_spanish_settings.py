"""Spanish pages show the Spanish versions of the clinic's visitor-facing settings (crisis
lines, tagline, medical disclaimer) when an editor filled them, and the English otherwise;
English pages are unchanged. The copy kept for outages carries both sets of lines."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from clinic.documents.demo import DemoContent
from clinic.editorial.disclaimer import MedicalDisclaimer
from clinic.practice.details import ClinicSettings
from clinic.serving import database_down, outage_copies
from home.demo import SETTINGS_FIELDS, fill_clinic_settings, load_spanish_settings
from home.models import CrisisHelpPage
from tests.factories import crisis_line, demo_like_clinic, live_spanish_translation

pytestmark = pytest.mark.django_db

SPANISH_LINES = [
    crisis_line(
        name="Emergencias",
        description="Si usted u otra persona está en peligro inmediato, llame al 911.",
        phone="911",
    ),
    crisis_line(
        name="988 Suicide & Crisis Lifeline (en español, marque 2)",
        description="Llame al 988 y marque 2, o envíe AYUDA por mensaje de texto al 988.",
        phone="988",
        sms="988",
        sms_text="AYUDA",
        url="https://988lifeline.org/",
        emergency=False,
    ),
]
ENGLISH_988 = "Call or text 988, or chat online."


@pytest.fixture
def clinic(site):
    demo_like_clinic(site)
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_lines_es = SPANISH_LINES
    clinic.tagline_es = "Terapia con ketamina cuidadosa para la depresión que no ha mejorado."
    clinic.save()
    return clinic


@pytest.fixture
def spanish_home(home_page):
    return live_spanish_translation(home_page)


def test_a_spanish_page_shows_the_spanish_crisis_lines_as_links(client, clinic, spanish_home):
    html = client.get("/es/").content.decode()
    # The crisis bar and the footer, on every page: 911, and 988 with its Spanish option.
    assert "(en español, marque 2)" in html
    for link in ('href="tel:911"', 'href="tel:988"', 'href="sms:988?&amp;body=AYUDA"'):
        assert link in html
    assert ">envíe AYUDA por mensaje de texto al 988</a>" in html
    assert "988 Suicide &amp; Crisis Lifeline:" not in html
    assert clinic.tagline_es in html  # the home page's heading


def test_the_spanish_crisis_help_page_gives_every_spanish_option(client, clinic, home_page):
    english = home_page.add_child(instance=CrisisHelpPage(title="Urgent help", slug="crisis-help"))
    crisis_page = live_spanish_translation(english)
    html = client.get(crisis_page.url).content.decode()
    assert "Llame al 988 y marque 2, o envíe AYUDA por mensaje de texto al 988." in html
    assert "Si usted u otra persona está en peligro inmediato, llame al 911." in html
    assert 'href="tel:911"' in html and 'href="tel:988"' in html
    assert 'href="sms:988?&amp;body=AYUDA"' in html
    assert ENGLISH_988 not in html


def test_an_english_page_keeps_the_english_lines(client, clinic, spanish_home):
    html = client.get("/").content.decode()
    assert "988 Suicide &amp; Crisis Lifeline:" in html
    assert 'href="tel:911"' in html and 'href="sms:988"' in html
    assert "AYUDA" not in html and "marque 2" not in html
    assert clinic.tagline in html and clinic.tagline_es not in html


def test_empty_spanish_lines_fall_back_to_the_english(client, clinic, spanish_home):
    clinic.crisis_lines_es = []
    clinic.tagline_es = ""
    clinic.save()
    html = client.get("/es/").content.decode()
    assert "988 Suicide &amp; Crisis Lifeline:" in html
    assert 'href="tel:911"' in html and 'href="tel:988"' in html and 'href="sms:988"' in html
    assert "AYUDA" not in html
    assert clinic.tagline in html


def test_the_settings_answer_in_the_active_language(clinic):
    with translation.override("es"):
        assert [line.value["name"] for line in clinic.crisis_lines_shown] == [
            "Emergencias",
            "988 Suicide & Crisis Lifeline (en español, marque 2)",
        ]
        assert [line["phone"] for line in clinic.emergency_lines] == ["911"]
        assert "AYUDA" in clinic.support_lines[0]["description"]
        assert clinic.tagline_shown == clinic.tagline_es
    with translation.override("en"):
        assert clinic.crisis_lines_shown[1].value["name"] == "988 Suicide & Crisis Lifeline"
        assert clinic.tagline_shown == clinic.tagline


def test_the_disclaimer_in_spanish_only_when_filled():
    disclaimer = MedicalDisclaimer.objects.create(
        title="About this information",
        text="<p>General information.</p>",
        title_es="Sobre esta información",
        text_es="<p>Información general.</p>",
    )
    with translation.override("es"):
        assert disclaimer.title_shown == "Sobre esta información"
        assert disclaimer.text_shown == "<p>Información general.</p>"
        # No Spanish statement yet: the English one, not nothing.
        assert disclaimer.off_label_statement_shown == disclaimer.off_label_statement
        disclaimer.text_es = "<p></p>"  # what the editor leaves when emptying the field
        assert disclaimer.text_shown == "<p>General information.</p>"
    with translation.override("en"):
        assert disclaimer.title_shown == "About this information"


@pytest.fixture
def outage_folder(settings, tmp_path):
    settings.OUTAGE_COPY_DIR = tmp_path / "outage"
    outage_copies.forget_written()
    yield
    outage_copies.forget_written()


def test_the_outage_page_of_a_spanish_address_shows_the_spanish_lines(clinic, outage_folder):
    clinic.keep_contact_copy()
    spanish = database_down.unavailable_response(RequestFactory().get("/es/reservar/"))
    english = database_down.unavailable_response(RequestFactory().get("/book-a-consultation/"))
    assert spanish.status_code == english.status_code == 503
    spanish, english = spanish.content.decode(), english.content.decode()
    assert "Llame al 988 y marque 2" in spanish and 'href="tel:911"' in spanish
    assert 'href="sms:988?&amp;body=AYUDA"' in spanish
    assert "marque 2" not in english and ENGLISH_988 in english


def test_the_outage_page_falls_back_to_the_english_lines_kept(clinic, outage_folder):
    clinic.crisis_lines_es = []
    clinic.save()
    clinic.keep_contact_copy()
    html = database_down.unavailable_response(RequestFactory().get("/es/")).content.decode()
    assert ENGLISH_988 in html and 'href="tel:911"' in html


def test_the_disclaimer_include_speaks_the_pages_language(rf):
    disclaimer = MedicalDisclaimer.objects.create(
        title="About this information",
        text="<p>General information.</p>",
        title_es="Sobre esta información",
        text_es="<p>Información general.</p>",
    )
    page = SimpleNamespace(last_reviewed=None, next_review_due=None, reviewer=None)
    context = {"page": page, "disclaimer": disclaimer, "request": rf.get("/")}
    with translation.override("es"):
        spanish = render_to_string("includes/review_dates.html", context)
    with translation.override("en"):
        english = render_to_string("includes/review_dates.html", context)
    assert "Sobre esta información" in spanish and "Información general." in spanish
    assert "About this information" in english and "Información" not in english


def test_the_demo_fills_the_spanish_settings_from_content_es(site):
    content = DemoContent()
    english = content.records("settings.yaml", SETTINGS_FIELDS)
    clinic = ClinicSettings.for_site(site)
    fill_clinic_settings(clinic, english, None)
    disclaimer = MedicalDisclaimer.objects.create(title="About", text="<p>English.</p>")
    load_spanish_settings(content, clinic, english)
    clinic.refresh_from_db()
    disclaimer.refresh_from_db()
    # The words from es/settings.yaml, the numbers from settings.yaml.
    lines = [line.value for line in clinic.crisis_lines_es]
    assert [line["phone"] for line in lines] == ["911", "988"]
    assert lines[1]["sms"] == "988" and lines[1]["sms_text"] == "AYUDA"
    assert "marque 2" in lines[1]["description"] and lines[0]["emergency"]
    assert [hours.value["label_es"] for hours in clinic.opening_hours] == [
        "De lunes a viernes",
        "Sábados",
    ]
    assert clinic.tagline_es and disclaimer.title_es and disclaimer.text_es.startswith("<p>")
    assert disclaimer.off_label_statement_es.startswith("<p><b>")
    # Run again after an editor's change: the editor's words stay.
    clinic.tagline_es = "Palabras de la editora."
    clinic.save()
    load_spanish_settings(content, clinic, english)
    clinic.refresh_from_db()
    assert clinic.tagline_es == "Palabras de la editora."


def test_opening_hours_labels_in_the_pages_language(clinic):
    clinic.opening_hours = [
        (
            "hours",
            {**clinic.opening_hours[0].value, "label_es": "De lunes a viernes"},
        )
    ]
    with translation.override("es"):
        assert [h["value"]["label"] for h in clinic.opening_hours_shown] == ["De lunes a viernes"]
    with translation.override("en"):
        assert [h["value"]["label"] for h in clinic.opening_hours_shown] == ["Monday to Friday"]


def test_administrators_edit_the_spanish_versions_under_spanish(client, clinic, superuser, site):
    client.force_login(superuser)
    settings_url = reverse("wagtailsettings:edit", args=["clinic", "clinicsettings", site.pk])
    html = client.get(settings_url).content.decode()
    assert 'name="tagline_es"' in html and 'id="crisis_lines_es"' in html
    assert "Shown on Spanish pages; leave empty to show the English lines." in html
    disclaimer = MedicalDisclaimer.objects.create(title="About", text="<p>English.</p>")
    edit = reverse("wagtailsnippets_clinic_medicaldisclaimer:edit", args=[disclaimer.pk])
    html = client.get(edit).content.decode()
    for name in ("title_es", "text_es", "off_label_statement_es"):
        assert f'name="{name}"' in html
    assert ">Spanish<" in html
