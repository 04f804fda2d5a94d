"""Whatever a browser (or a script) sends, the self-check answers with its form and a message
that names the question, keeping the answers given; never an error page, never a score of
something that is not a full set of the four answers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from selfcheck.forms import UNEXPECTED_FIELDS
from selfcheck.instruments import GAD7, PHQ9
from tests.selfcheck.helpers import as_post, checked, form_url, http_examples, soup_of

pytestmark = pytest.mark.django_db

# Every answer differs from its neighbours', so a test can tell that each one was kept.
GIVEN = [2, 1, 0, 3, 2, 1, 0, 3, 0]
FORGED_VALUES = [
    "4",
    "-1",
    "abc",
    "",
    "1" * 100_000,
    "1.0",
    " 1",
    "01",
    "+1",
    "0x1",
    "True",
    "٣",  # an Arabic-Indic three: int() would take it, the form must not
    "1\x00",
    "<script>alert(1)</script>",
]


def error_summary(response):
    summary = soup_of(response).find(id="error-summary")
    assert summary is not None, "no error summary"
    return " ".join(summary.get_text(" ").split())


def assert_the_form_again(response, instrument=PHQ9):
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your score is" not in html
    assert soup_of(response).find("form", class_="self-check-form") is not None
    assert response["Cache-Control"] == "no-store, private"
    assert form_url_of(response) == response.wsgi_request.path
    return html


def form_url_of(response):
    return soup_of(response).find("form", class_="self-check-form")["action"]


def assert_kept(response, numbers, scores=GIVEN):
    soup = soup_of(response)
    for number in numbers:
        assert checked(soup, f"item_{number}") == [str(scores[number - 1])], number


def assert_names_question(response, number):
    """The summary names the question and links to its first answer, which is on the page."""
    summary = soup_of(response).find(id="error-summary")
    link = summary.find("a", href=f"#id_item_{number}_0")
    assert link is not None, number
    assert f"question {number}" in link.get_text()
    assert soup_of(response).find(id=f"id_item_{number}_0") is not None


@pytest.mark.parametrize("value", FORGED_VALUES, ids=range(len(FORGED_VALUES)))
def test_an_answer_that_is_not_one_of_the_four(client, self_check_page, value):
    data = {**as_post(GIVEN), "item_1": value}
    response = client.post(form_url(self_check_page, PHQ9), data)
    assert_the_form_again(response)
    assert_names_question(response, 1)
    assert checked(soup_of(response), "item_1") == []
    assert_kept(response, range(2, 10))


def test_a_forged_value_is_not_echoed_into_the_page(client, self_check_page):
    data = {**as_post(GIVEN), "item_3": "<script>alert(1)</script>"}
    html = assert_the_form_again(client.post(form_url(self_check_page, PHQ9), data))
    assert "<script>alert(1)" not in html


def test_missing_items_are_each_named_and_the_rest_kept(client, self_check_page):
    data = as_post(GIVEN)
    del data["item_4"], data["item_7"]
    response = client.post(form_url(self_check_page, PHQ9), data)
    assert_the_form_again(response)
    assert_names_question(response, 4)
    assert_names_question(response, 7)
    assert "question 1" not in error_summary(response)
    assert_kept(response, [1, 2, 3, 5, 6, 8, 9])


@pytest.mark.parametrize("instrument", [PHQ9, GAD7], ids=["phq-9", "gad-7"])
def test_nothing_answered_names_every_question(client, self_check_page, instrument):
    response = client.post(form_url(self_check_page, instrument), {})
    assert_the_form_again(response, instrument)
    for number in range(1, len(instrument.items) + 1):
        assert_names_question(response, number)


def test_an_item_answered_twice(client, self_check_page):
    data = {**as_post(GIVEN), "item_1": ["1", "2"]}  # item_1=1&item_1=2
    response = client.post(form_url(self_check_page, PHQ9), data)
    assert_the_form_again(response)
    assert "Choose only one answer to question 1." in error_summary(response)
    assert_names_question(response, 1)
    assert_kept(response, range(2, 10))


def test_an_item_answered_twice_the_same_way_is_still_refused(client, self_check_page):
    data = {**as_post(GIVEN), "item_5": ["2", "2"]}
    response = client.post(form_url(self_check_page, PHQ9), data)
    assert_the_form_again(response)
    assert "Choose only one answer to question 5." in error_summary(response)


EXTRA_FIELDS = [
    {"total": "0"},
    {"band": "minimal"},
    {"item_10": "3"},
    {"item_0": "1"},
    {"Item_1": "1"},
    {"self_check": "token"},
]


@pytest.mark.parametrize("extra", EXTRA_FIELDS, ids=[next(iter(e)) for e in EXTRA_FIELDS])
def test_a_field_the_form_does_not_ask_for(client, self_check_page, extra):
    response = client.post(form_url(self_check_page, PHQ9), {**as_post(GIVEN), **extra})
    assert_the_form_again(response)
    assert UNEXPECTED_FIELDS in error_summary(response)
    assert_kept(response, range(1, 10))


def test_phq_9_items_sent_to_the_gad_7(client, self_check_page):
    response = client.post(form_url(self_check_page, GAD7), as_post(GIVEN))
    assert_the_form_again(response, GAD7)
    assert UNEXPECTED_FIELDS in error_summary(response)
    assert_kept(response, range(1, 8))


def test_a_file_sent_with_the_answers(client, self_check_page):
    upload = SimpleUploadedFile("notes.txt", b"not asked for", content_type="text/plain")
    data = {**as_post(GIVEN), "attachment": upload}
    response = client.post(form_url(self_check_page, PHQ9), data)
    assert_the_form_again(response)
    assert UNEXPECTED_FIELDS in error_summary(response)
    assert_kept(response, range(1, 10))


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"item_1": 1}', "application/json"),
        (b"item_1=\xff\xfe&item_2=1", "application/x-www-form-urlencoded"),
        (b"item_1=1", "application/x-www-form-urlencoded; charset=nonsense"),
        (b"garbage", "multipart/form-data; boundary=xyz"),
        (b"", "text/plain"),
    ],
    ids=["json", "not-utf-8", "unknown-charset", "broken-multipart", "empty"],
)
def test_a_body_that_is_not_a_form(client, self_check_page, body, content_type):
    response = client.generic("POST", form_url(self_check_page, PHQ9), body, content_type)
    assert_the_form_again(response)
    assert_names_question(response, 9)


@pytest.mark.parametrize(
    "data",
    [
        {**as_post(GIVEN), "item_1": "1" * 5_000},
        {**as_post(GIVEN), **{f"x{n}": "1" for n in range(100)}},
    ],
    ids=["larger-than-the-upload-limit", "more-fields-than-the-limit"],
)
def test_a_request_too_large_to_read_gets_the_calm_page(settings, self_check_page, data):
    # Django's own limits, made small so the test sends little.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4_000
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    client = Client(raise_request_exception=False)
    response = client.post(form_url(self_check_page, PHQ9), data)
    assert response.status_code == 413
    assert "Your score is" not in response.content.decode()


def test_a_post_to_the_start_page_scores_nothing(client, self_check_page):
    response = client.post(self_check_page.url, as_post(GIVEN))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your score is" not in html
    assert 'href="/check-your-mood/phq-9/"' in html  # the start page, with its choices


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("path", ["bdi-2/", "PHQ-9/", "phq-9/more/", "phq9/", "results/"])
def test_an_unknown_instrument_is_not_found(client, self_check_page, method, path):
    response = getattr(client, method)(self_check_page.url + path, as_post(GIVEN))
    assert response.status_code == 404


def test_answers_in_a_get_are_ignored(client, self_check_page):
    query = "&".join(f"item_{n}=3" for n in range(1, 10))
    response = client.get(f"{form_url(self_check_page, PHQ9)}?{query}")
    assert_the_form_again(response)
    assert "error-summary" not in response.content.decode()
    for number in range(1, 10):
        assert checked(soup_of(response), f"item_{number}") == []


def test_head_gets_the_blank_form_headers(client, self_check_page):
    response = client.head(form_url(self_check_page, PHQ9))
    assert response.status_code == 200
    assert response.content == b""
    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_get_the_blank_form(client, self_check_page, method):
    response = getattr(client, method)(
        form_url(self_check_page, PHQ9), "item_1=3", "application/x-www-form-urlencoded"
    )
    assert_the_form_again(response)
    assert checked(soup_of(response), "item_1") == []


FIELD_NAMES = st.sampled_from([f"item_{n}" for n in range(0, 12)] + ["total", "x", ""])
VALUES = st.one_of(st.sampled_from(["0", "1", "2", "3"]), st.text(max_size=20))


@http_examples
@given(posted=st.dictionaries(FIELD_NAMES, st.lists(VALUES, min_size=1, max_size=2)))
def test_any_post_gets_a_page_and_only_a_full_honest_set_is_scored(self_check_page, posted):
    response = Client().post(form_url(self_check_page, PHQ9), posted)
    html = response.content.decode()
    honest = set(posted) == set(PHQ9.item_names) and all(
        len(values) == 1 and values[0] in {"0", "1", "2", "3"} for values in posted.values()
    )
    assert response.status_code == 200
    assert ("Your score is" in html) is honest
    assert ('id="error-summary"' in html) is not honest
