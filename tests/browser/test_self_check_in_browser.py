"""The mood self-check in Chromium: help first on a phone, errors that keep the answers, axe
clean at both widths, a result that prints without the site, and every question by keyboard.

Screenshots go to $SCREENSHOTS_DIR (the temporary directory unless set), selfcheck-*.png, to
look at after a run.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.utils.timezone import localdate

from selfcheck.instruments import ANSWERS, PHQ9
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, describe

SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or tempfile.gettempdir())
SMALL_PHONE = {"width": 390, "height": 844}
# A phone: touch, the viewport meta tag honoured, taps instead of clicks.
ON_A_PHONE = pytest.mark.browser_context_args(viewport=SMALL_PHONE, has_touch=True, is_mobile=True)
LABEL = dict(ANSWERS)
A4 = {"width": 794, "height": 1123}  # a sheet at 96 pixels to the inch: the print screenshot


def phq9_url(page, self_check):
    return page.base_url + self_check.url + "phq-9/"


def answer(page, answers, tap=False):
    """Choose answers ({item number: score}) by their labels, as a visitor would."""
    for number, score in answers.items():
        item = page.locator("fieldset", has=page.locator(f"#id_item_{number}_0"))
        label = item.get_by_text(LABEL[score], exact=True)
        if tap:
            label.tap()
        else:
            label.click()
        assert page.locator(f"#id_item_{number}_{score}").is_checked()


def see_my_result(page, tap=False):
    """Press the button and wait for the page the server answers with."""
    button = page.get_by_role("button", name="See my result")
    with page.expect_navigation():
        if tap:
            button.tap()
        else:
            button.click()


def no_sideways_scroll(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"selfcheck-{name}.png"), full_page=True)


@ON_A_PHONE
def test_on_a_phone_thoughts_of_self_harm_show_help_above_the_score(site_page, self_check):
    page = site_page
    page.goto(page.base_url + self_check.url)
    assert no_sideways_scroll(page, SMALL_PHONE["width"])
    screenshot(page, "phone-start")
    page.get_by_role("link", name="Check for depression (PHQ-9)").tap()
    page.wait_for_url("**/phq-9/")
    # Not help first on a blank form.
    assert not page.locator("#help-first").count()
    screenshot(page, "phone-form")

    answers = {1: 1, 2: 2, 3: 1, 4: 0, 5: 0, 6: 1, 7: 0, 8: 0, 9: 1}
    answer(page, answers, tap=True)
    assert no_sideways_scroll(page, SMALL_PHONE["width"])
    # Every answer is a row at least 44 pixels high, tappable anywhere on it.
    heights = page.eval_on_selector_all(
        ".self-check__item .form-check", "rows => rows.map(row => row.offsetHeight)"
    )
    assert len(heights) == 9 * 4 and min(heights) >= 44
    page.locator("#id_item_2_0").locator("xpath=..").click(position={"x": 300, "y": 4})
    assert page.locator("#id_item_2_0").is_checked()
    page.locator("#id_item_2_2").locator("xpath=..").tap(position={"x": 300, "y": 4})
    assert page.locator("#id_item_2_2").is_checked()
    page.locator("fieldset", has=page.locator("#id_item_9_0")).scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "selfcheck-phone-answered.png"))
    see_my_result(page, tap=True)

    score = page.get_by_role("heading", name="Your score is 6 out of 27")
    help_first = page.locator("#help-first")
    assert help_first.is_visible() and score.is_visible()
    panel = help_first.bounding_box()
    assert panel["y"] + panel["height"] <= score.bounding_box()["y"]
    # The panel starts in the first screenful, under the heading.
    assert panel["y"] < SMALL_PHONE["height"]
    for href in ("tel:988", "sms:988", "tel:911"):
        link = help_first.locator(f'a[href="{href}"]')
        assert link.is_visible(), href
        assert link.bounding_box()["height"] >= 44, href
        assert link.bounding_box()["width"] >= 44, href
    assert "This is not a diagnosis" in page.locator("main").inner_text()
    assert no_sideways_scroll(page, SMALL_PHONE["width"])
    page.screenshot(path=str(SCREENSHOTS / "selfcheck-phone-help-first.png"))
    screenshot(page, "phone-result")


def test_unanswered_questions_are_listed_and_the_answers_kept(site_page, self_check):
    page = site_page
    page.set_viewport_size(PHONE)
    page.goto(phq9_url(page, self_check))
    given = {1: 0, 3: 2, 4: 1, 6: 3, 7: 0, 9: 0}  # 2, 5 and 8 left out
    answer(page, given)
    see_my_result(page)

    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert "Some questions need an answer" in summary.inner_text()
    assert page.title().startswith("Error: ")
    links = summary.get_by_role("link")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_item_2_0",
        "#id_item_5_0",
        "#id_item_8_0",
    ]
    for number, score in given.items():
        assert page.locator(f"#id_item_{number}_{score}").is_checked(), number
    for number in (2, 5, 8):
        assert not page.locator(f'input[name="item_{number}"]:checked').count()
        fieldset = page.locator("fieldset", has=page.locator(f"#id_item_{number}_0"))
        assert "form-field--error" in fieldset.get_attribute("class")
    screenshot(page, "phone-errors")

    for i, number in enumerate((2, 5, 8)):
        page.locator("#error-summary").get_by_role("link").nth(i).click()
        assert page.evaluate("document.activeElement.id") == f"id_item_{number}_0"
    # The first answer of item 8 has focus: the keyboard picks "Several days" from there.
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_item_8_1").is_checked()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_self_check_screen_is_axe_clean(site_page, self_check, viewport):
    page = site_page
    page.set_viewport_size(viewport)

    def check(what):
        assert no_sideways_scroll(page, viewport["width"]), what
        violations = axe_violations(page)
        assert not violations, f"{what}:\n{describe(violations)}"
        if viewport == DESKTOP:
            screenshot(page, "desktop-" + what.replace(" ", "-"))

    page.goto(page.base_url + self_check.url)
    check("start page")
    page.goto(phq9_url(page, self_check))
    check("form")
    answer(page, {1: 3, 9: 2})
    see_my_result(page)
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#help-first").is_visible()  # item 9 answered: help first, with errors
    check("form with errors")
    answer(page, dict.fromkeys(range(2, 9), 1))
    see_my_result(page)
    assert page.get_by_role("heading", name="Your score is 12 out of 27").is_visible()
    check("result")
    page.goto(page.base_url + self_check.url + "gad-7/")
    answer(page, dict.fromkeys(range(1, 8), 0))
    see_my_result(page)
    assert page.get_by_role("heading", name="Your score is 0 out of 21").is_visible()
    assert not page.locator("#help-first").count()
    check("calm result")


def test_the_result_prints_without_the_site_around_it(site_page, self_check):
    page = site_page
    page.set_viewport_size(A4)
    page.goto(phq9_url(page, self_check))
    answer(page, dict.fromkeys(range(1, 10), 2))
    see_my_result(page)
    print_button = page.get_by_role("button", name="Print or save this result")
    assert print_button.is_visible()  # print.js shows it
    assert not page.locator(".self-check__print-source").is_visible()

    page.emulate_media(media="print")
    for chrome in (
        ".crisis-bar",
        ".site-header",
        ".breadcrumbs",
        ".site-footer",
        ".self-check__actions",
    ):
        assert page.locator(chrome).count(), chrome
        assert not page.locator(chrome).is_visible(), chrome
    assert not print_button.is_visible()
    assert not page.get_by_role("button", name="Book a consultation").is_visible()
    for shown in (
        "#help-first",
        ".self-check__score",
        ".self-check__table",
        ".self-check__attribution",
    ):
        assert page.locator(shown).is_visible(), shown
    main = page.locator("main").inner_text()
    assert "Your score is 18 out of 27" in main
    assert f"Taken on {localdate():%-d %B %Y}" in main
    source = page.locator(".self-check__print-source")
    assert source.is_visible()
    assert "Northbridge Mind Clinic" in source.inner_text()
    assert self_check.url in source.inner_text()
    rows = page.locator(".self-check__table tbody tr")
    assert rows.count() == len(PHQ9.items)
    assert rows.nth(8).inner_text().split("\t")[-1].strip() == "More than half the days"
    # Black on white: the score and the table keep no screen colours.
    colours = page.evaluate(
        """() => [".self-check__score", ".self-check__table thead th", ".help-first"].map(
            (selector) => {
                const style = getComputedStyle(document.querySelector(selector));
                return [style.color, style.backgroundColor];
            })"""
    )
    assert colours == [["rgb(0, 0, 0)", "rgb(255, 255, 255)"]] * 3
    screenshot(page, "print")
    page.pdf(path=str(SCREENSHOTS / "selfcheck-print.pdf"))


def test_the_keyboard_reaches_every_question_and_the_button(site_page, self_check):
    page = site_page
    page.set_viewport_size(PHONE)
    page.goto(phq9_url(page, self_check))
    reached = []
    for _ in range(80):  # the header's links, nine groups, the button: far fewer than 80
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "[document.activeElement.name || '', document.activeElement.type || '',"
            " document.activeElement.textContent.trim()]"
        )
        reached.append(tuple(focused))
        if focused[1] == "submit" and focused[2] == "See my result":
            break
    groups = [name for name, kind, _ in reached if kind == "radio"]
    # Each group is one Tab stop, in order (arrow keys move inside a group).
    assert groups == PHQ9.item_names
    assert reached[-1] == ("", "submit", "See my result")

    # Answer the first question by keyboard only: Tab to it, Space chooses.
    page.goto(phq9_url(page, self_check))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "item_1":
            break
    page.keyboard.press("Space")
    assert page.locator("#id_item_1_0").is_checked()
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_item_1_1").is_checked()
