"""The language assistance page in a real browser, with a right-to-left tagline among the demo's:
no axe-core violations on a phone or a desktop, each tagline read in its own language and
direction, and the footer link reaches the page."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from clinic.practice.language_assistance import LanguageTagline
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, describe

SCREENSHOTS = Path(tempfile.gettempdir())  # language-assistance-*.png, to look at after a run
ARABIC = "إذا كنت تتحدث العربية، فإن خدمات المساعدة اللغوية متاحة لك مجانًا."


@pytest.fixture
def demo_with_arabic(site):
    call_command("load_demo_content")
    LanguageTagline.objects.create(
        code="ar", name="العربية", text=ARABIC, direction="rtl", sort_order=5
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_page_and_its_taglines_have_no_axe_violations(site_page, demo_with_arabic, viewport):
    site_page.set_viewport_size(viewport)
    site_page.goto(site_page.base_url + "/")
    site_page.get_by_role("contentinfo").get_by_role("link", name="Language assistance").click()
    site_page.wait_for_url("**/language-assistance/")
    heading = site_page.get_by_role("heading", name="In your language", exact=True)
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()

    items = site_page.locator(".language-taglines__item")
    assert items.evaluate_all(
        "items => items.map(i => [i.lang, getComputedStyle(i).direction])"
    ) == [["en", "ltr"], ["es", "ltr"], ["ar", "rtl"]]
    arabic = items.nth(2)
    assert arabic.inner_text().strip().endswith(ARABIC)
    # Right to left: the Arabic text starts at the item's right edge.
    box = arabic.bounding_box()
    name_box = arabic.locator("strong").bounding_box()
    assert box["x"] + box["width"] - (name_box["x"] + name_box["width"]) < 2

    site_page.screenshot(
        path=str(SCREENSHOTS / f"language-assistance-{viewport['width']}.png"), full_page=True
    )
    violations = axe_violations(site_page)
    assert not violations, describe(violations)
