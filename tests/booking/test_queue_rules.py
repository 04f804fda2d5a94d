"""The queue's plain rules: references, due times in words, search tokens."""

import datetime

import pytest

from booking import queue

NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize("pk, text", [(7, "NB-0007"), (1234, "NB-1234"), (12345, "NB-12345")])
def test_references_are_padded_to_four_digits(pk, text):
    assert queue.reference(pk) == text


@pytest.mark.parametrize("text", ["NB-0007", "nb-7", "NB 0007", "nb7", "7", " 0007 "])
def test_a_reference_is_read_however_it_is_typed(text):
    assert queue.parse_reference(text) == 7


@pytest.mark.parametrize("text", ["", "Okafor", "NB-", "NB-0", "7a", "x7", "-7"])
def test_other_text_is_not_a_reference(text):
    assert queue.parse_reference(text) is None


@pytest.mark.parametrize(
    "due, words",
    [
        (NOW - datetime.timedelta(hours=5, minutes=10), "overdue by 5 h"),
        (NOW - datetime.timedelta(minutes=20), "overdue by 20 min"),
        (NOW - datetime.timedelta(days=3, hours=2), "overdue by 3 days"),
        (NOW + datetime.timedelta(days=1, hours=4), "due in 1 day"),
        (NOW + datetime.timedelta(hours=23), "due in 23 h"),
        (NOW + datetime.timedelta(seconds=30), "due in 1 min"),
    ],
)
def test_due_times_in_words(due, words):
    assert queue.due_in_words(due, NOW) == words


def test_only_a_new_request_past_its_due_time_is_overdue():
    past = NOW - datetime.timedelta(hours=1)
    assert queue.is_overdue(queue.Status.NEW, past, NOW)
    assert not queue.is_overdue(queue.Status.CONTACTED, past, NOW)
    assert not queue.is_overdue(queue.Status.NEW, NOW + datetime.timedelta(hours=1), NOW)


def test_search_tokens_hold_no_readable_answer():
    tokens = queue.search_tokens("Zoë O'Hara", "zoe@example.com", "+1 555 010 0140")
    for readable in ["zo", "hara", "example", "555", "0140"]:
        assert readable not in tokens.lower()


@pytest.mark.parametrize(
    "query",
    [
        "Zoë",
        "zoe",
        "ZOE",
        "O'Hara",
        "hara",
        "Zoe Hara",
        "zoe@example.com",
        "ZOE@Example.com",
        "+1 (555) 010-0140",
        "555 010 0140",
        "5550100140",
    ],
)
def test_a_search_finds_whole_words_accents_and_case_aside(query):
    tokens = queue.search_tokens("Zoë O'Hara", "zoe@example.com", "+1 555 010 0140")
    assert all(token in tokens for token in queue.query_tokens(query))


@pytest.mark.parametrize("query", ["Zo", "Har", "zoe@example.org", "555 010 0141", "Zoe Smith"])
def test_a_search_does_not_match_parts_or_other_people(query):
    tokens = queue.search_tokens("Zoë O'Hara", "zoe@example.com", "+1 555 010 0140")
    assert not all(token in tokens for token in queue.query_tokens(query))
