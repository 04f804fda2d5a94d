"""The PHQ-9 and GAD-7 are the published instruments word for word: every stem, item, answer
label and band cut-off against a fixture copied by hand from CONTENT.md, and each string shown
once on the page a visitor answers."""

import pytest

from selfcheck.instruments import ANSWERS, ATTRIBUTION, INSTRUMENTS
from tests.selfcheck.helpers import answer, form_url, page_text, soup_of
from tests.selfcheck.wording import ANSWER_LABELS, INSTRUMENT_KEYS, WORDING, published


def test_the_same_two_instruments_as_published():
    assert sorted(INSTRUMENTS) == INSTRUMENT_KEYS
    for key, instrument in INSTRUMENTS.items():
        assert instrument.name == published(key)["name"]


@pytest.mark.parametrize("key", INSTRUMENT_KEYS)
def test_stem_is_word_for_word(key):
    assert INSTRUMENTS[key].stem == published(key)["stem"]


@pytest.mark.parametrize("key", INSTRUMENT_KEYS)
def test_every_item_is_word_for_word_and_in_order(key):
    assert list(INSTRUMENTS[key].items) == published(key)["items"]


def test_answer_labels_and_scores_are_word_for_word():
    assert [list(pair) for pair in ANSWERS] == WORDING["answers"]


@pytest.mark.parametrize("fact", WORDING["attribution_facts"])
def test_attribution_states_each_published_fact(fact):
    assert fact in ATTRIBUTION


@pytest.mark.parametrize("key", INSTRUMENT_KEYS)
def test_bands_are_the_published_cut_offs(key):
    instrument = INSTRUMENTS[key]
    bands = [[band.low, band.high, band.label.lower()] for band in instrument.bands]
    assert bands == published(key)["bands"]
    assert instrument.highest_total == published(key)["highest_total"]


@pytest.mark.parametrize("key", INSTRUMENT_KEYS)
@pytest.mark.django_db
def test_the_form_shows_each_string_once(client, self_check_page, key):
    instrument = INSTRUMENTS[key]
    response = client.get(form_url(self_check_page, instrument))
    text = page_text(response)
    assert response.status_code == 200
    for string in [published(key)["stem"], *published(key)["items"], ATTRIBUTION]:
        assert text.count(string) == 1, string
    # The four answers, in order, once in each item's group, and nowhere else.
    fieldsets = soup_of(response).select("form.self-check-form fieldset")
    assert len(fieldsets) == len(published(key)["items"])
    for fieldset, item in zip(fieldsets, published(key)["items"], strict=True):
        assert item in fieldset.legend.get_text()
        labels = [label.get_text(strip=True) for label in fieldset.find_all("label")]
        assert labels == ANSWER_LABELS
        values = [radio["value"] for radio in fieldset.find_all("input", type="radio")]
        assert values == ["0", "1", "2", "3"]
    for label in ANSWER_LABELS:
        assert text.count(f">{label}<") == len(published(key)["items"]), label


@pytest.mark.parametrize("key", INSTRUMENT_KEYS)
@pytest.mark.django_db
def test_the_printable_result_shows_each_string_once(client, self_check_page, key):
    instrument = INSTRUMENTS[key]
    items = published(key)["items"]
    text = page_text(answer(client, self_check_page, instrument, [1] * len(items)))
    for string in [published(key)["stem"], *items, ATTRIBUTION]:
        assert text.count(string) == 1, string
