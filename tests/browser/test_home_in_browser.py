import pytest

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, describe


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_has_no_axe_violations(site_page, home_page, viewport):
    site_page.set_viewport_size(viewport)
    site_page.goto(site_page.base_url + "/")
    violations = axe_violations(site_page)
    assert not violations, describe(violations)


def test_skip_link_moves_focus_to_main_content(site_page, home_page):
    site_page.goto(site_page.base_url + "/")
    site_page.keyboard.press("Tab")
    skip_link = site_page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("el => el === document.activeElement")
    site_page.keyboard.press("Enter")
    assert site_page.evaluate("document.activeElement.id") == "main"


def test_phone_menu_opens_and_closes_by_keyboard(site_page, home_page):
    from tests.factories import StandardPageFactory

    StandardPageFactory(parent=home_page, title="About the clinic", show_in_menus=True)
    site_page.set_viewport_size(PHONE)
    site_page.goto(site_page.base_url + "/")
    menu_link = site_page.get_by_role("link", name="About the clinic")
    toggle = site_page.get_by_role("button", name="Menu")
    assert not menu_link.is_visible()

    toggle.focus()
    site_page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu_link.is_visible()

    site_page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu_link.is_visible()
