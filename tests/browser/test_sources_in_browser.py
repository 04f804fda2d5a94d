"""A treatment page's sources open from the keyboard, a citation leads to its source and back,
and axe finds nothing to fix with the list open."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import PHONE, axe_violations, describe
from treatments.models import TreatmentPage


@pytest.fixture
def infusion(home_page):
    call_command("load_demo_content")
    return TreatmentPage.objects.get(slug="ketamine-infusion-therapy")


def test_the_sources_open_from_the_keyboard_without_violations(site_page, infusion):
    site_page.set_viewport_size(PHONE)
    site_page.goto(site_page.base_url + infusion.url)
    entry = site_page.locator("#source-1")
    assert not entry.is_visible()
    summary = site_page.locator("summary", has_text="Sources (4)")
    summary.focus()
    site_page.keyboard.press("Enter")
    assert entry.is_visible()
    violations = axe_violations(site_page)
    assert not violations, describe(violations)


def test_a_citation_leads_to_its_source_and_back(site_page, infusion):
    site_page.goto(site_page.base_url + infusion.url)
    site_page.get_by_role("link", name="Source 4").click()
    assert site_page.evaluate("location.hash") == "#source-4"
    assert site_page.locator("#source-4").is_visible()
    site_page.locator("#source-4").get_by_role("link", name="Back to text citing source 4").click()
    assert site_page.evaluate("location.hash") == "#cite-4"
    assert site_page.locator("#cite-4").is_visible()


def test_the_sources_open_without_javascript(browser, live_server, infusion):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + infusion.url)
    page.locator("summary", has_text="Sources (4)").click()
    assert page.locator("#source-1").is_visible()
    context.close()
