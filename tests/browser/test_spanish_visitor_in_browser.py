"""A Spanish-speaking visitor on a phone reads a treatment page, finds crisis help and books a
consultation entirely in Spanish; axe finds nothing on the Spanish pages."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from booking.models import BookingSubmission
from tests.browser.conftest import PHONE, axe_violations, describe

SCREENSHOTS = Path(tempfile.gettempdir())  # spanish-*.png, to look at after a run


@pytest.fixture
def demo_site(home_page):
    call_command("load_demo_content")


def test_a_spanish_reader_finds_help_and_books_in_spanish(site_page, demo_site):
    page = site_page
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/")
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.screenshot(path=SCREENSHOTS / "spanish-home.png", full_page=True)

    page.goto(page.base_url + "/es/tratamientos/terapia-de-infusion-de-ketamina/")
    assert "ketamina" in page.get_by_role("heading", level=1).inner_text().lower()
    assert "Revisión médica" in page.content() or "Revisado" in page.content()
    page.screenshot(path=SCREENSHOTS / "spanish-treatment.png", full_page=True)

    page.get_by_role("link", name="¿Necesita ayuda ahora?").first.click()
    page.wait_for_url("**/es/ayuda-urgente/")
    help_text = page.locator("main").inner_text()
    assert "988" in help_text and "AYUDA" in help_text and "911" in help_text
    assert page.locator('main a[href="tel:988"]').count() >= 1
    page.screenshot(path=SCREENSHOTS / "spanish-crisis-help.png", full_page=True)

    page.goto(page.base_url + "/es/pedir-una-consulta/")
    page.get_by_label("Nombre completo").fill("Lucía Ejemplo")
    page.locator("#id_email").fill("lucia@example.com")
    page.get_by_label("Cualquiera de los dos").check()
    page.get_by_label("Entre semana, por la mañana").check()
    page.get_by_label("Aún no lo sé").check()
    page.get_by_label("Confirmo que tengo 18 años o más").check()
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Enviar solicitud").click()

    page.wait_for_url("**/es/pedir-una-consulta/**")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Gracias")
    assert page.locator("html").get_attribute("lang") == "es"
    page.screenshot(path=SCREENSHOTS / "spanish-thank-you.png", full_page=True)
    submission = BookingSubmission.objects.get()
    assert submission.page.locale.language_code == "es"


SPANISH_PAGES = [
    "/es/",
    "/es/tratamientos/",
    "/es/tratamientos/terapia-de-infusion-de-ketamina/",
    "/es/articulos/",
    "/es/articulos/kap-e-infusiones-de-ketamina-en-que-se-diferencian/",
    "/es/pedir-una-consulta/",
    "/es/ayuda-urgente/",
    "/es/tarifas/",
    "/es/search/?q=ketamina",
    "/es/no-such-page/",
]


def test_spanish_pages_have_no_axe_violations_on_a_phone(site_page, demo_site):
    site_page.set_viewport_size(PHONE)
    found = {}
    for path in SPANISH_PAGES:
        site_page.goto(site_page.base_url + path)
        assert site_page.locator("html").get_attribute("lang") == "es", path
        violations = axe_violations(site_page)
        if violations:
            found[path] = describe(violations)
    assert not found, found
