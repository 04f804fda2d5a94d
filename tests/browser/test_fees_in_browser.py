"""The fees page and the fees on a treatment page, in a real browser: no axe-core violations on a
phone or a desktop, and the booking page's Good Faith Estimate link lands on the notice."""

import pytest
from django.core.management import call_command

from clinic.models import ClinicSettings

from .conftest import DESKTOP, PHONE, axe_violations, describe

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


@pytest.fixture
def clinic(site):
    call_command("load_demo_content")
    return ClinicSettings.for_site(site)


@VIEWPORTS
def test_the_fees_page_has_no_axe_violations(site_page, clinic, viewport):
    site_page.set_viewport_size(viewport)
    site_page.goto(site_page.base_url + clinic.fees_page.url)
    assert site_page.get_by_role("heading", name="Ketamine infusion session").is_visible()
    violations = axe_violations(site_page)
    assert not violations, describe(violations)


@VIEWPORTS
def test_a_treatment_pages_cost_section_has_no_axe_violations(site_page, clinic, viewport):
    site_page.set_viewport_size(viewport)
    site_page.goto(site_page.base_url + "/treatments/ketamine-infusion-therapy/#cost-and-insurance")
    fee = site_page.locator(".fees").get_by_role("heading", name="Ketamine infusion session")
    fee.scroll_into_view_if_needed()
    assert fee.is_visible()
    assert site_page.get_by_role("link", name="All fees and insurance").is_visible()
    violations = axe_violations(site_page)
    assert not violations, describe(violations)


def test_the_booking_pages_good_faith_estimate_link_lands_on_the_notice(site_page, clinic):
    site_page.set_viewport_size(PHONE)
    site_page.goto(site_page.base_url + clinic.booking_page.url)
    site_page.get_by_role("link", name="You have the right to a Good Faith Estimate").click()
    site_page.wait_for_url("**/fees/#good-faith-estimate")
    notice = site_page.get_by_role("heading", name="Good Faith Estimate", exact=True)
    assert notice.get_attribute("id") == "good-faith-estimate"
    # Scrolled into view (smoothly, unless the visitor asks for reduced motion).
    site_page.wait_for_function(
        "() => { const top = document.getElementById('good-faith-estimate')"
        ".getBoundingClientRect().top; return top >= 0 && top < window.innerHeight; }"
    )


def test_the_footer_links_are_reachable_from_the_keyboard(site_page, clinic):
    site_page.set_viewport_size(PHONE)
    site_page.goto(site_page.base_url + "/about/")
    footer = site_page.get_by_role("navigation", name="About this website")
    for name in ("Fees and insurance", "How we write our pages", "Accessibility statement"):
        link = footer.get_by_role("link", name=name)
        link.focus()
        assert link.evaluate("e => e === document.activeElement")
        box = link.bounding_box()
        assert box["height"] >= 24  # WCAG 2.2 target size (minimum)
