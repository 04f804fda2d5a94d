"""The fees page and the fees on a treatment page, in a real browser: no axe-core violations on a
phone or a desktop, and the booking page's Good Faith Estimate link lands on the notice."""

import re
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from clinic.practice.details import ClinicSettings
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, describe

SCREENSHOTS = Path(tempfile.gettempdir())  # fees-*.png, to look at after a run
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


def test_a_new_fees_block_in_the_editor_starts_with_no_empty_fee_row(clinician_page, home_page):
    """ListBlock's default row was an empty, required fee chooser: saving failed until the
    editor deleted it. A new Fees block now starts with none, and the draft saves."""
    from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory
    from tests.treatments.test_cost_section_shows_its_own_fees import cost_heading, stored_paragraph

    page = clinician_page
    page.set_viewport_size(DESKTOP)
    index = TreatmentIndexPageFactory(parent=home_page)
    treatment = TreatmentPageFactory(parent=index, body=[cost_heading(), stored_paragraph()])
    page.goto(f"{page.base_url}/admin/pages/{treatment.pk}/edit/")
    page.get_by_role("button", name="Save draft").wait_for()

    page.get_by_title("Insert a block").last.click()
    page.get_by_role("option", name=re.compile(r"^Fees")).click()
    block = page.get_by_role("region", name="Fees")
    block.wait_for()
    assert block.locator("[data-streamfield-list-container] [data-streamfield-child]").count() == 0
    block.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "fees-block-new-in-editor.png")

    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("has been updated").first.wait_for()
    assert page.locator(".w-field--error, .error-message").count() == 0
    violations = [text for text in page.console_messages if re.search(r"CSP|Security Pol", text)]
    assert not violations, violations


def test_a_booking_manager_links_a_fee_to_its_treatment(site_page, home_page, booking_manager):
    from decimal import Decimal

    from clinic.editorial.fees import Fee
    from tests.browser.conftest import sign_in
    from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

    index = TreatmentIndexPageFactory(parent=home_page)
    treatment = TreatmentPageFactory(parent=index, title="Ketamine infusion therapy")
    TreatmentPageFactory(parent=index, title="Esketamine nasal spray")
    fee = Fee.objects.create(service="Ketamine infusion session", price_from=Decimal("450"))
    page = site_page
    page.set_viewport_size(DESKTOP)
    sign_in(page, booking_manager)
    page.goto(f"{page.base_url}/admin/snippets/clinic/fee/edit/{fee.pk}/")
    page.get_by_label("Ketamine infusion therapy").check()
    page.screenshot(path=SCREENSHOTS / "fees-snippet-treatments.png", full_page=True)
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url("**/admin/snippets/clinic/fee/")
    assert list(fee.treatments.all()) == [treatment.page_ptr]
