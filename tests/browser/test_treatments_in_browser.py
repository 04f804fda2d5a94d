import pytest
from django.core.management import call_command

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, describe
from treatments.models import TreatmentPage


@pytest.fixture
def demo_treatments(home_page):
    call_command("load_demo_content")
    return TreatmentPage.objects.get(slug="ketamine-infusion-therapy")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_demo_treatment_page_has_no_axe_violations(site_page, demo_treatments, viewport):
    site_page.set_viewport_size(viewport)
    site_page.goto(site_page.base_url + demo_treatments.url)
    violations = axe_violations(site_page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("slug", ["ketamine-assisted-psychotherapy", "esketamine-nasal-spray"])
def test_other_demo_treatment_pages_have_no_axe_violations(site_page, demo_treatments, slug):
    site_page.set_viewport_size(PHONE)
    site_page.goto(site_page.base_url + TreatmentPage.objects.get(slug=slug).url)
    violations = axe_violations(site_page)
    assert not violations, describe(violations)


def test_treatments_index_has_no_axe_violations(site_page, demo_treatments):
    site_page.goto(site_page.base_url + demo_treatments.get_parent().url)
    violations = axe_violations(site_page)
    assert not violations, describe(violations)


def test_faq_answers_open_from_the_keyboard(site_page, demo_treatments):
    site_page.set_viewport_size(PHONE)
    site_page.goto(site_page.base_url + demo_treatments.url)
    question = site_page.get_by_text("Can I eat before a session?")
    answer = site_page.get_by_text("We ask you not to eat for a few hours")
    assert not answer.is_visible()
    question.focus()
    site_page.keyboard.press("Enter")
    assert answer.is_visible()


def test_table_of_contents_links_reach_their_sections(site_page, demo_treatments):
    site_page.goto(site_page.base_url + demo_treatments.url)
    site_page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Side effects and risks"
    ).click()
    assert site_page.evaluate("location.hash") == "#side-effects-and-risks"
    assert site_page.locator("#side-effects-and-risks").is_visible()
