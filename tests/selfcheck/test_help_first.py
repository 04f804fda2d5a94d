"""Anyone whose answers call for it is shown how to get help now, before their score: any
answer above "Not at all" on PHQ-9 item 9 whatever the total, or a total of 20 or more on
either instrument; also on a form that comes back with errors."""

import pytest

from selfcheck.instruments import GAD7, PHQ9, help_first
from tests.selfcheck.helpers import answer, as_post, form_url, soup_of
from tests.selfcheck.helpers import scores_summing_to as summing_to

pytestmark = pytest.mark.django_db

ITEM_9 = PHQ9.help_first_item


def item_9_cases():
    """Item 9 answered 1, 2 or 3, with the totals 0, 9, 19 and 27 where that answer can make
    them, and the lowest total it can make."""
    cases = []
    for item_9 in (1, 2, 3):
        highest = PHQ9.highest_total - (3 - item_9)
        totals = sorted({item_9, *(t for t in (0, 9, 19, 27) if item_9 <= t <= highest)})
        cases += [(item_9, total) for total in totals]
    return cases


ITEM_9_CASES = item_9_cases()


def panel_then_score(response):
    """The help panel, checked to come before the score; the panel's tag."""
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('id="help-first"') == 1
    assert html.index('id="help-first"') < html.index("Your score is")
    return soup_of(response).find(id="help-first")


def assert_the_ways_to_get_help(panel, clinic):
    links = {a["href"] for a in panel.find_all("a")}
    assert {"tel:988", "sms:988", "tel:911"} <= links
    assert "tel:5550100140" in links  # the clinic's phone, from its settings
    text = " ".join(panel.get_text(" ").split())
    assert clinic.phone in text
    assert "nearest emergency department" in text
    assert "Monday to Friday" in text and "8:30 AM to 6:00 PM" in text  # the clinic's hours


def test_the_cases_cover_every_non_zero_item_9_answer():
    assert {item_9 for item_9, _ in ITEM_9_CASES} == {1, 2, 3}
    assert (3, 27) in ITEM_9_CASES and (1, 1) in ITEM_9_CASES


@pytest.mark.parametrize(("item_9", "total"), ITEM_9_CASES)
def test_item_9_above_not_at_all_shows_help_first(
    client, self_check_page, demo_clinic, item_9, total
):
    scores = summing_to(PHQ9, total, fixed={ITEM_9: item_9})
    assert scores[ITEM_9 - 1] == item_9 and sum(scores) == total
    response = answer(client, self_check_page, PHQ9, scores)
    assert f"Your score is {total} out of 27" in response.content.decode()
    assert_the_ways_to_get_help(panel_then_score(response), demo_clinic)


@pytest.mark.parametrize("total", [0, 9, 19])
def test_item_9_not_at_all_and_a_total_under_20_shows_no_panel(
    client, self_check_page, demo_clinic, total
):
    response = answer(client, self_check_page, PHQ9, summing_to(PHQ9, total, fixed={ITEM_9: 0}))
    html = response.content.decode()
    assert f"Your score is {total} out of 27" in html
    assert "help-first" not in html


@pytest.mark.parametrize("total", [20, 24])
def test_a_phq_9_total_of_20_or_more_shows_help_first_with_item_9_at_zero(
    client, self_check_page, demo_clinic, total
):
    scores = summing_to(PHQ9, total, fixed={ITEM_9: 0})
    assert_the_ways_to_get_help(
        panel_then_score(answer(client, self_check_page, PHQ9, scores)), demo_clinic
    )


@pytest.mark.parametrize(("total", "shown"), [(0, False), (19, False), (20, True), (21, True)])
def test_a_gad_7_total_of_20_or_more_shows_help_first(
    client, self_check_page, demo_clinic, total, shown
):
    response = answer(client, self_check_page, GAD7, summing_to(GAD7, total))
    assert f"Your score is {total} out of 21" in response.content.decode()
    if shown:
        assert_the_ways_to_get_help(panel_then_score(response), demo_clinic)
    else:
        assert "help-first" not in response.content.decode()


def test_without_crisis_lines_in_settings_the_panel_still_calls_and_texts_988_and_911(
    client, self_check_page, site
):
    panel = panel_then_score(
        answer(client, self_check_page, PHQ9, summing_to(PHQ9, 2, fixed={ITEM_9: 2}))
    )
    text = panel.get_text(" ")
    assert "911" in text and "988" in text
    links = {link["href"] for link in panel.find_all("a")}
    assert {"tel:911", "tel:988", "sms:988"} <= links


def test_a_form_with_errors_shows_help_first_when_item_9_calls_for_it(
    client, self_check_page, demo_clinic
):
    data = {"item_1": "0", f"item_{ITEM_9}": "1"}  # seven questions left unanswered
    response = client.post(form_url(self_check_page, PHQ9), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your score is" not in html
    assert html.index('id="help-first"') < html.index('id="error-summary"')
    assert_the_ways_to_get_help(soup_of(response).find(id="help-first"), demo_clinic)


def test_a_form_with_errors_whose_answers_add_up_to_20_shows_help_first(
    client, self_check_page, demo_clinic
):
    data = as_post([3, 3, 3, 3, 3, 3, 2])  # 20 so far, items 8 and 9 unanswered
    response = client.post(form_url(self_check_page, PHQ9), data)
    assert 'id="help-first"' in response.content.decode()


def test_a_form_with_errors_and_nothing_alarming_shows_no_panel(
    client, self_check_page, demo_clinic
):
    data = {**as_post([3, 3, 3, 3, 3, 3, 1]), f"item_{ITEM_9}": "0"}  # item 8 unanswered
    html = client.post(form_url(self_check_page, PHQ9), data).content.decode()
    assert 'id="error-summary"' in html
    assert "help-first" not in html


def test_an_invalid_item_9_answer_alone_shows_no_panel(client, self_check_page, demo_clinic):
    """Only the four real answers count: a forged value is not read as "above Not at all"."""
    data = {**as_post([0] * 8), f"item_{ITEM_9}": "7"}
    html = client.post(form_url(self_check_page, PHQ9), data).content.decode()
    assert 'id="error-summary"' in html
    assert "help-first" not in html


def test_an_expired_form_with_item_9_above_zero_shows_help_first(self_check_page, demo_clinic):
    """The security cookie had expired: the form comes back (403) with the answers kept, and
    help first all the same."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    data = as_post(summing_to(PHQ9, 5, fixed={ITEM_9: 1}))
    response = client.post(form_url(self_check_page, PHQ9), data)
    html = response.content.decode()
    assert response.status_code == 403
    assert "the form had expired" in html
    assert "Your score is" not in html
    assert html.index('id="help-first"') < html.index('class="self-check-form"')
    assert_the_ways_to_get_help(soup_of(response).find(id="help-first"), demo_clinic)
    checked = soup_of(response).find("input", attrs={"name": f"item_{ITEM_9}", "checked": True})
    assert checked["value"] == "1"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({ITEM_9: 1}, True),
        ({ITEM_9: 0}, False),
        ({}, False),
        ({1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 2}, True),
        ({1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 1}, False),
    ],
)
def test_help_first_on_partial_phq_9_answers(answers, expected):
    assert help_first(PHQ9, answers) is expected


def test_gad_7_has_no_help_first_item():
    """Its item 9 does not exist; only its total calls for help first."""
    assert GAD7.help_first_item is None
    assert help_first(GAD7, {1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 2}) is True
    assert help_first(GAD7, {1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 1}) is False
