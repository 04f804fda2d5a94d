"""Every kind of public page, on a phone and on a desktop: axe finds nothing, focus shows."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, describe

PAGES = [
    "/",
    "/treatments/",
    "/treatments/ketamine-infusion-therapy/",
    "/articles/",
    "/articles/kap-and-ketamine-infusions-how-they-differ/",
    "/articles/tag/kap/",
    "/book-a-consultation/",
    "/book-a-consultation/thank-you/",
    "/search/?q=ketamine",
    "/crisis-help/",
    "/language-assistance/",
    "/no-such-page/",
]


@pytest.fixture
def demo_site(home_page):
    call_command("load_demo_content")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_kind_of_page_has_no_axe_violations(site_page, demo_site, viewport):
    site_page.set_viewport_size(viewport)
    found = {}
    for path in PAGES:
        site_page.goto(site_page.base_url + path)
        violations = axe_violations(site_page)
        if violations:
            found[path] = describe(violations)
    assert not found, found


def test_the_404_page_answers_404(site_page, demo_site):
    assert site_page.goto(site_page.base_url + "/no-such-page/").status == 404


# The focused element, or the card it stretches over (its :focus-within ring), must show
# an outline of at least 2px or a focus shadow.
FOCUS_STYLE = """el => {
    const ringed = node => {
        const style = getComputedStyle(node);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
            || style.boxShadow !== 'none';
    };
    for (let node = el, depth = 0; node && depth < 3; node = node.parentElement, depth++) {
        if (ringed(node)) return true;
    }
    return false;
}"""


@pytest.mark.parametrize("path", ["/", "/book-a-consultation/"])
def test_every_interactive_element_shows_visible_focus(site_page, demo_site, path):
    site_page.set_viewport_size(DESKTOP)
    site_page.goto(site_page.base_url + path)
    unfocused = []
    seen = set()
    for _ in range(80):
        site_page.keyboard.press("Tab")
        element = site_page.evaluate_handle("document.activeElement")
        label = element.evaluate("el => el.outerHTML.slice(0, 80)")
        if label in seen or element.evaluate("el => el === document.body"):
            break
        seen.add(label)
        if not element.evaluate(FOCUS_STYLE):
            unfocused.append(label)
    assert len(seen) > 5
    assert not unfocused, unfocused
