"""Scores are added up on the server and put in the published band: at every band boundary
of both instruments through the real form, and for random answer sets against a sum and a
band table written here, apart from the code under test."""

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcheck.instruments import GAD7, PHQ9, Result
from tests.selfcheck.helpers import answer, http_examples, main_text, score_heading
from tests.selfcheck.helpers import scores_summing_to as summing_to
from tests.selfcheck.wording import published_band

BOUNDARIES = [
    *((PHQ9, total) for total in (0, 4, 5, 9, 10, 14, 15, 19, 20, 27)),
    *((GAD7, total) for total in (0, 4, 5, 9, 10, 14, 15, 21)),
]


def independent_total(scores):
    total = 0
    for score in scores:
        total += score
    return total


def answer_sets(instrument):
    return st.lists(
        st.integers(min_value=0, max_value=3),
        min_size=len(instrument.items),
        max_size=len(instrument.items),
    )


def result_of(instrument, scores):
    return Result(instrument, dict(enumerate(scores, 1)))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("instrument", "total"), BOUNDARIES, ids=[f"{i.key}-{t}" for i, t in BOUNDARIES]
)
def test_band_at_every_boundary_through_the_form(client, self_check_page, instrument, total):
    band = published_band(instrument.key, total)
    response = answer(client, self_check_page, instrument, summing_to(instrument, total))
    text = main_text(response)
    assert response.status_code == 200
    assert score_heading(instrument, total) in text
    assert f"is in the range called {band} {instrument.about} symptoms" in text
    # The reviewed words for that band, and no other band's.
    field = f"{instrument.key.replace('-', '')}_{band.replace(' ', '_')}"
    assert f"Band text {field}." in text
    assert text.count("Band text ") == 1


@pytest.mark.parametrize("instrument", [PHQ9, GAD7], ids=["phq-9", "gad-7"])
def test_highest_total_is_three_per_item(instrument):
    assert instrument.highest_total == 3 * len(instrument.items)


@settings(max_examples=300, database=None)
@given(data=st.data())
def test_total_and_band_of_any_answer_set(data):
    instrument = data.draw(st.sampled_from([PHQ9, GAD7]))
    scores = data.draw(answer_sets(instrument))
    result = result_of(instrument, scores)
    assert result.total == independent_total(scores)
    assert result.band.label.lower() == published_band(instrument.key, independent_total(scores))


@settings(max_examples=100, database=None)
@given(scores=answer_sets(PHQ9))
def test_every_item_counts_once_in_the_total(scores):
    """Raising any one answer by one raises the total by exactly one."""
    base = result_of(PHQ9, scores).total
    for index, score in enumerate(scores):
        if score < 3:
            raised = [*scores[:index], score + 1, *scores[index + 1 :]]
            assert result_of(PHQ9, raised).total == base + 1


@pytest.mark.django_db
@http_examples
@given(data=st.data())
def test_the_result_page_states_the_independent_total_and_band(self_check_page, data):
    instrument = data.draw(st.sampled_from([PHQ9, GAD7]))
    scores = data.draw(answer_sets(instrument))
    total = independent_total(scores)
    response = answer(Client(), self_check_page, instrument, scores)
    text = main_text(response)
    assert response.status_code == 200
    assert score_heading(instrument, total) in text
    assert f"range called {published_band(instrument.key, total)} " in text
    assert f"Total {total} out of {instrument.highest_total}" in text
