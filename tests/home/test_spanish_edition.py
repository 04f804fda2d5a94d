"""The Spanish edition: English at the site's own addresses, Spanish under /es/, each page
linked to its translations for visitors (the switcher) and search engines (hreflang, the
sitemap), and the two languages never mixed (menus, linked pages, the page cache)."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection

from clinic.practice.details import ClinicSettings
from tests.factories import StandardPageFactory, live_spanish_translation
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def infusions(treatment_index):
    return TreatmentPageFactory(
        parent=treatment_index, title="Ketamine infusions", slug="ketamine-infusions"
    )


@pytest.fixture
def spanish_home(home_page):
    return live_spanish_translation(home_page, title="Inicio", slug="inicio")


@pytest.fixture
def infusiones(spanish_home, treatment_index, infusions):
    live_spanish_translation(treatment_index, title="Tratamientos", slug="tratamientos")
    return live_spanish_translation(
        infusions, title="Infusiones de ketamina", slug="infusiones-de-ketamina"
    )


def alternates(html):
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)


def test_english_keeps_its_addresses_and_spanish_lives_under_es(client, infusiones):
    english = client.get("/treatments/ketamine-infusions/")
    spanish = client.get("/es/tratamientos/infusiones-de-ketamina/")
    assert english.status_code == spanish.status_code == 200
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="es"' in spanish.content.decode()
    assert "Infusiones de ketamina" in spanish.content.decode()
    assert spanish["Content-Language"] == "es" and english["Content-Language"] == "en"
    assert infusiones.url == "/es/tratamientos/infusiones-de-ketamina/"


def test_an_english_page_is_not_served_again_under_es(client, infusions, spanish_home):
    assert client.get("/es/treatments/ketamine-infusions/").status_code == 404


def test_without_a_spanish_home_page_es_answers_404_not_the_english_site(client, infusions):
    assert client.get("/es/").status_code == 404
    assert client.get("/es/treatments/ketamine-infusions/").status_code == 404


def test_hreflang_links_are_absolute_and_reciprocal(client, infusions, infusiones):
    english = alternates(client.get(infusions.url).content.decode())
    spanish = alternates(client.get(infusiones.url).content.decode())
    assert (
        english
        == spanish
        == [
            ("en", "http://localhost/treatments/ketamine-infusions/"),
            ("es", "http://localhost/es/tratamientos/infusiones-de-ketamina/"),
            ("x-default", "http://localhost/treatments/ketamine-infusions/"),
        ]
    )


def test_a_page_in_one_language_names_no_alternates(client, infusiones, treatment_index):
    only_english = TreatmentPageFactory(parent=treatment_index, slug="only-english")
    assert alternates(client.get(only_english.url).content.decode()) == []


def test_a_draft_translation_is_not_named(client, infusions, spanish_home, treatment_index):
    live_spanish_translation(treatment_index, title="Tratamientos", slug="tratamientos")
    draft = infusions.copy_for_translation(spanish_home.locale)
    assert not draft.live
    assert alternates(client.get(infusions.url).content.decode()) == []


def test_the_sitemap_lists_both_languages_with_their_alternates(client, infusions, infusiones):
    xml = client.get("/sitemap.xml").content.decode()
    for address in (infusions.full_url, infusiones.full_url):
        entry = re.search(rf"<url><loc>{re.escape(address)}</loc>.*?</url>", xml).group(0)
        links = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry)
        assert links == [
            ("en", infusions.full_url),
            ("es", infusiones.full_url),
            ("x-default", infusions.full_url),
        ]


def test_the_switcher_links_the_same_page_in_the_other_language(client, infusions, infusiones):
    english = client.get(infusions.url).content.decode()
    spanish = client.get(infusiones.url).content.decode()
    assert f'<a href="{infusiones.url}" lang="es" hreflang="es">Español</a>' in english
    assert f'<a href="{infusions.url}" lang="en" hreflang="en">English</a>' in spanish


def test_the_switcher_offers_the_spanish_home_page_for_an_untranslated_page(
    client, infusiones, treatment_index
):
    only_english = TreatmentPageFactory(parent=treatment_index, slug="only-english")
    html = client.get(only_english.url).content.decode()
    assert '<a href="/es/" lang="es" hreflang="es">Español</a>' in html


def test_no_switcher_while_there_is_no_spanish_edition(client, infusions):
    assert "language-switcher" not in client.get(infusions.url).content.decode()


def test_a_spanish_page_shows_the_spanish_menu_and_links_spanish_pages(
    client, site, home_page, infusiones
):
    crisis = StandardPageFactory(parent=home_page, title="Need help now?", slug="crisis-help")
    ayuda = live_spanish_translation(crisis, title="¿Necesita ayuda ya?", slug="ayuda-urgente")
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_page = crisis
    clinic.save()
    cache.clear()
    spanish = client.get(infusiones.url).content.decode()
    english = client.get("/treatments/ketamine-infusions/").content.decode()
    assert f'href="{ayuda.url}"' in spanish and f'href="{crisis.url}"' not in spanish
    assert f'href="{crisis.url}"' in english and f'href="{ayuda.url}"' not in english
    assert 'href="/es/tratamientos/"' in spanish and 'href="/treatments/"' not in spanish
    assert 'class="site-header__brand" href="/es/"' in spanish


def test_structured_data_says_the_language(client, infusions, infusiones):
    def languages(url):
        html = client.get(url).content.decode()
        found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
        return {item.get("inLanguage") for item in map(json.loads, found) if "inLanguage" in item}

    assert languages(infusions.url) == {"en"}
    assert languages(infusiones.url) == {"es"}


def test_the_page_cache_keeps_the_two_languages_apart(client, settings, infusions, infusiones):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):  # the second round comes from the page cache
        english = client.get(infusions.url)
        spanish = client.get(infusiones.url)
        assert "Infusiones de ketamina" in spanish.content.decode()
        assert "Infusiones de ketamina" not in english.content.decode()
        assert '<html lang="es"' in spanish.content.decode()
        assert '<html lang="en"' in english.content.decode()


def test_spanish_search_finds_spanish_pages_only(client, infusions, infusiones):
    spanish = client.get("/es/search/", {"q": "ketamina"}).content.decode()
    assert infusiones.url in spanish and f'href="{infusions.url}"' not in spanish
    english = client.get("/search/", {"q": "ketamine"}).content.decode()
    assert f'href="{infusions.url}"' in english and infusiones.url not in english


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Spanish stemming is PostgreSQL's text search configuration; SQLite's has none",
)
def test_spanish_search_reads_spanish_word_forms_on_postgresql(client, infusiones):
    # "infusión" is "Infusiones" only to the Spanish configuration (English keeps the accent).
    assert infusiones.url in client.get("/es/search/", {"q": "infusión"}).content.decode()
