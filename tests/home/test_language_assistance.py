"""The language assistance page: the notice of nondiscrimination and free language help, every
language tagline below it in its own language and direction, and a footer link on every page."""

import re

import pytest
from django.core.management import call_command

from clinic.practice.details import ClinicSettings
from clinic.practice.language_assistance import LanguageTagline
from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

FOOTER_LINK = "Language assistance"
TAGLINE_ITEM = re.compile(
    r'<li class="language-taglines__item" id="tagline-([^"]+)" lang="([^"]+)" dir="([^"]+)">'
    r"\s*<p[^>]*><strong>([^<]+)</strong></p>\s*<p>([^<]+)</p>"
)


def taglines_shown(html):
    """(id's code, lang, dir, name, text) of each tagline the page shows, in order."""
    return TAGLINE_ITEM.findall(html)


def footer(html):
    return html[html.index('<footer class="site-footer"') :]


@pytest.fixture
def taglines(db):
    return [
        LanguageTagline.objects.create(
            code="en",
            name="English",
            text="Free help in your language is available.",
            sort_order=1,
        ),
        LanguageTagline.objects.create(
            code="ar",
            name="العربية",
            text="المساعدة اللغوية المجانية متاحة لك.",
            direction="rtl",
            sort_order=2,
        ),
        LanguageTagline.objects.create(
            code="es",
            name="Español",
            text="Puede recibir ayuda gratuita en su idioma.",
            sort_order=0,
        ),
    ]


@pytest.fixture
def assistance_page(site, home_page):
    page = StandardPageFactory(parent=home_page, slug="language-assistance")
    clinic = ClinicSettings.for_site(site)
    clinic.language_assistance_page = page
    clinic.save()
    return page


def test_the_page_shows_every_tagline_in_its_own_language_and_direction(
    client, assistance_page, taglines
):
    html = client.get(assistance_page.url).content.decode()
    assert taglines_shown(html) == [
        ("es", "es", "ltr", "Español", "Puede recibir ayuda gratuita en su idioma."),
        ("en", "en", "ltr", "English", "Free help in your language is available."),
        ("ar", "ar", "rtl", "العربية", "المساعدة اللغوية المجانية متاحة لك."),
    ]
    # Below the page's own text, and left out of the English reading grade.
    section = html.index('<section class="language-taglines"')
    assert html.index('<div class="stream">') < section
    assert 'aria-labelledby="language-taglines-heading" data-readability="skip"' in html


def test_only_the_page_the_settings_name_shows_the_taglines(client, home_page, taglines):
    other = StandardPageFactory(parent=home_page, slug="about")
    html = client.get(other.url).content.decode()
    assert taglines_shown(html) == []
    assert "language-taglines" not in html


def test_with_no_taglines_the_page_has_no_empty_section(client, assistance_page):
    assert "language-taglines" not in client.get(assistance_page.url).content.decode()


def test_a_changed_tagline_shows_at_once_on_a_cached_page(
    client, settings, assistance_page, taglines
):
    settings.PAGE_CACHE_ENABLED = True
    client.get(assistance_page.url)
    assert client.get(assistance_page.url)["X-Page-Cache"] == "hit"
    spanish = taglines[2]
    spanish.text = "Ayuda gratuita en español."
    spanish.save()
    html = client.get(assistance_page.url).content.decode()
    assert ("es", "es", "ltr", "Español", "Ayuda gratuita en español.") in taglines_shown(html)


def test_the_footer_links_the_page_only_once_it_is_set_and_live(client, site, home_page):
    assert FOOTER_LINK not in footer(client.get("/").content.decode())
    draft = StandardPageFactory(parent=home_page, slug="language-assistance", live=False)
    clinic = ClinicSettings.for_site(site)
    clinic.language_assistance_page = draft
    clinic.save()
    assert FOOTER_LINK not in footer(client.get("/").content.decode())


# The demo site


@pytest.fixture
def demo(site):
    call_command("load_demo_content")
    return ClinicSettings.for_site(site)


def test_the_demo_makes_the_page_and_links_it_from_the_settings(client, demo):
    page = demo.language_assistance_page
    assert (page.slug, page.title, page.live) == ("language-assistance", FOOTER_LINK, True)
    assert isinstance(page.specific, StandardPage)
    assert not page.show_in_menus
    html = client.get(page.url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    for words in [
        "race, color, national origin, age, disability or sex",
        "qualified interpreters",
        "documents translated into your language",
        "Section 1557 coordinator",
        '<a href="tel:5550100140">(555) 010-0140</a>',
        "mailto:hello@northbridge-clinic.example",
        'href="https://ocrportal.hhs.gov/ocr/portal/lobby.jsf"',
        '<a href="tel:18003681019">1-800-368-1019</a>',
        '<a href="tel:18005377697">1-800-537-7697</a>',
    ]:
        assert words in main, words
    assert taglines_shown(html) == [
        (
            "en",
            "en",
            "ltr",
            "English",
            "If you speak a language other than English, free help in your language is "
            "available. Call (555) 010-0140.",
        ),
        (
            "es",
            "es",
            "ltr",
            "Español",
            "Si habla un idioma que no sea el inglés, puede recibir ayuda gratuita en su "
            "idioma. Llame al (555) 010-0140.",
        ),
    ]


DEMO_PAGES = [
    "/",
    "/about/",
    "/language-assistance/",
    "/treatments/",
    "/treatments/ketamine-infusion-therapy/",
    "/articles/",
    "/book-a-consultation/",
    "/crisis-help/",
    "/team/",
    "/check-your-mood/",
]


def test_every_kind_of_demo_page_links_it_in_the_footer(client, demo):
    for url in DEMO_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        links = footer(response.content.decode())
        assert f'<a href="/language-assistance/">{FOOTER_LINK}</a>' in links, url
        assert links.count(FOOTER_LINK) == 1, url


def test_loading_the_demo_again_adds_nothing_and_keeps_an_administrators_changes(demo):
    spanish = LanguageTagline.objects.get(code="es")
    spanish.text = "Texto revisado por la clínica."
    spanish.save()
    before = list(LanguageTagline.objects.values_list("pk", "code"))

    call_command("load_demo_content")

    assert list(LanguageTagline.objects.values_list("pk", "code")) == before
    assert [code for _, code in before] == ["en", "es"]
    assert LanguageTagline.objects.get(code="es").text == "Texto revisado por la clínica."
    assert StandardPage.objects.filter(slug="language-assistance").count() == 1
    assert ClinicSettings.objects.get(pk=demo.pk).language_assistance_page.slug == (
        "language-assistance"
    )
