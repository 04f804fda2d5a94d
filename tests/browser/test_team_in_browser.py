"""Our team and the profiles, on a phone and a desktop: axe finds nothing, nothing scrolls
sideways, and a reader gets from a byline to the person and from the team to a profile."""

import pytest
from django.core.management import call_command

from clinic.editorial.people import Person
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, describe

PROFILE = "/team/dr-amara-okafor/"
ARTICLE = "/articles/kap-and-ketamine-infusions-how-they-differ/"


@pytest.fixture
def demo_site(home_page):
    call_command("load_demo_content")
    Person.objects.create(name="Dr. Former Colleague", credentials="MD", retired=True)


def scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["/team/", PROFILE, "/team/dr-former-colleague/"])
def test_team_pages_have_no_axe_violations_and_fit_the_screen(site_page, demo_site, viewport, path):
    site_page.set_viewport_size(viewport)
    response = site_page.goto(site_page.base_url + path)
    assert response.status == (410 if "former" in path else 200)
    violations = axe_violations(site_page)
    assert not violations, describe(violations)
    assert not scrolls_sideways(site_page)


def test_a_click_anywhere_on_a_card_opens_the_profile(site_page, demo_site):
    site_page.set_viewport_size(PHONE)
    site_page.goto(site_page.base_url + "/team/")
    assert site_page.get_by_role("heading", level=3).count() == 5
    assert site_page.get_by_text("Former Colleague").count() == 0
    # Two psychiatrists share these credentials: click Dr. Okafor's card.
    card = site_page.locator(".person-card").filter(has_text="Dr. Amara Okafor")
    box = card.get_by_text("MD, board-certified psychiatrist").bounding_box()
    site_page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    site_page.wait_for_url(f"**{PROFILE}")
    heading = site_page.get_by_role("heading", level=1)
    # The credentials sit on their own line; the accessible name keeps the comma.
    assert heading.text_content() == "Dr. Amara Okafor, MD, board-certified psychiatrist"


def test_a_reader_goes_from_a_byline_and_a_review_line_to_the_person(site_page, demo_site):
    site_page.set_viewport_size(DESKTOP)
    site_page.goto(site_page.base_url + ARTICLE)
    site_page.locator(".article__byline").get_by_role("link", name="Jonah Reyes").click()
    site_page.wait_for_url("**/team/jonah-reyes/")
    site_page.goto(site_page.base_url + ARTICLE)
    site_page.locator(".review-info").get_by_role("link", name="Dr. Amara Okafor").click()
    site_page.wait_for_url(f"**{PROFILE}")
    assert site_page.get_by_role("heading", name="Pages Dr. Amara Okafor reviewed").is_visible()


def test_a_focused_card_shows_its_focus_ring(site_page, demo_site):
    from tests.browser.test_whole_site_accessibility import FOCUS_STYLE

    site_page.set_viewport_size(DESKTOP)
    site_page.goto(site_page.base_url + "/team/")
    link = site_page.get_by_role("link", name="Dr. Amara Okafor")
    link.focus()
    site_page.keyboard.press("Shift+Tab")
    site_page.keyboard.press("Tab")
    assert link.evaluate("el => el === document.activeElement")
    assert link.evaluate(FOCUS_STYLE)
