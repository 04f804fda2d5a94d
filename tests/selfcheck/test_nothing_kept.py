"""Nothing about a visitor's answers is kept: no row, no session, no log line at any level,
no copy in a browser, proxy or the page cache, nothing in a URL."""

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory

from clinic.serving.pagecache import STATUS_HEADER, page_key
from selfcheck.instruments import PHQ9
from tests.factories import StandardPageFactory
from tests.selfcheck.helpers import as_post, form_url, soup_of

pytestmark = pytest.mark.django_db

NO_STORE = "no-store, private"
# 23 out of 27, "severe", item 9 above "Not at all": every kind of answer and the help panel.
SEVERE = [3, 3, 3, 3, 2, 3, 2, 3, 1]
# Words that would show an answer, a total or a band had reached a log line: whole words, as
# the bands' names are also in the SQL that reads the page (its column phq9_minimal, ...).
TELLTALES = [
    "Not at all",
    "Several days",
    "More than half the days",
    "Nearly every day",
    "minimal",
    "mild",
    "moderate",
    "moderately severe",
    "severe",
    "Band text",
    "Your score",
    "out of 27",
    "help-first",
]


def telltales_in(text):
    found = [t for t in TELLTALES if re.search(rf"\b{re.escape(t)}\b", text, re.IGNORECASE)]
    found += re.findall(r"item_\d+\W+[0-3]\b", text)  # a field and its value
    found += re.findall(r"\b23\b\D{0,20}\b27\b", text)  # the total
    return found


def rows_of_every_table():
    """{table: sorted rows} of every table in the database."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            snapshot[table] = sorted(cursor.fetchall(), key=repr)
    return snapshot


def visit(client, page):
    """What a visitor does: opens the form, sends it half answered, then in full; and one
    whose form had expired sends it again."""
    url = form_url(page, PHQ9)
    responses = [
        client.get(url),
        client.post(url, as_post(SEVERE[:5])),
        client.post(url, as_post(SEVERE)),
        Client(enforce_csrf_checks=True).post(url, as_post(SEVERE)),
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 403]
    assert "Your score is 23 out of 27" in responses[2].content.decode()
    return responses


@pytest.fixture
def every_log(caplog):
    """Every logger at DEBUG, each record reaching the captured handler, and the SQL the
    requests run logged too (with its parameters)."""
    loggers = [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    before = [(logger, logger.level, logger.propagate, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.propagate = True
        logger.disabled = False
    caplog.set_level(logging.DEBUG)
    debug_cursor = connection.force_debug_cursor
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = debug_cursor
    for logger, level, propagate, disabled in before:
        logger.setLevel(level)
        logger.propagate = propagate
        logger.disabled = disabled


def test_no_table_gains_loses_or_changes_a_row(client, self_check_page):
    before = rows_of_every_table()
    visit(client, self_check_page)
    after = rows_of_every_table()
    assert {t: len(rows) for t, rows in after.items()} == {
        t: len(rows) for t, rows in before.items()
    }
    changed = [table for table in before if before[table] != after[table]]
    assert changed == []


def test_no_session_is_made(client, self_check_page):
    responses = visit(client, self_check_page)
    for response in responses:
        assert "sessionid" not in response.cookies
    assert "sessionid" not in client.cookies
    assert Session.objects.count() == 0


def test_no_log_line_at_any_level_holds_an_answer_total_or_band(every_log, client, self_check_page):
    every_log.clear()  # what making the page logged
    visit(client, self_check_page)
    logging.getLogger("clinic").debug("probe from a logger that does not propagate")
    messages = [record.getMessage() for record in every_log.records]
    # The capture works: the probe and the requests' SQL (DEBUG) are there.
    assert "probe from a logger that does not propagate" in messages
    assert any(record.name == "django.db.backends" for record in every_log.records)
    assert telltales_in("\n".join(messages) + every_log.text) == []


def test_what_a_failed_template_lookup_would_log_holds_no_answer(client, self_check_page):
    """A variable a template cannot find makes Django log the repr of the whole context
    (django.template, DEBUG): the result's context must tell nothing in its repr."""
    response = client.post(form_url(self_check_page, PHQ9), as_post(SEVERE))
    assert "Your score is 23 out of 27" in response.content.decode()
    assert "result" in response.context  # the test client kept the context
    assert telltales_in(repr(response.context)) == []
    assert "answers" not in repr(response.context)


def test_an_error_while_scoring_logs_no_answer(every_log, self_check_page, monkeypatch):
    def broken(self, request, result):
        raise RuntimeError("the result could not be shown")

    monkeypatch.setattr(type(self_check_page), "render_result", broken)
    every_log.clear()
    client = Client(raise_request_exception=False)
    response = client.post(form_url(self_check_page, PHQ9), as_post(SEVERE))
    assert response.status_code == 500
    errors = [r for r in every_log.records if r.levelno >= logging.ERROR]
    assert errors  # the failure itself is logged, with its traceback
    assert "the result could not be shown" in every_log.text
    assert telltales_in(every_log.text) == []


@pytest.mark.parametrize("page_cache", [False, True], ids=["page-cache-off", "page-cache-on"])
def test_every_form_and_result_response_is_no_store(settings, client, self_check_page, page_cache):
    settings.PAGE_CACHE_ENABLED = page_cache
    url = form_url(self_check_page, PHQ9)
    responses = {
        "form": client.get(url),
        "head": client.head(url),
        "errors": client.post(url, as_post(SEVERE[:3])),
        "result": client.post(url, as_post(SEVERE)),
        "expired": Client(enforce_csrf_checks=True).post(url, as_post(SEVERE)),
    }
    for name, response in responses.items():
        assert response["Cache-Control"] == NO_STORE, name


def stored_values():
    """Every value in the test cache (local memory: pickled bytes), as bytes."""
    return [bytes(value) for value in cache._cache.values()]


def test_the_page_cache_never_keeps_a_post_or_a_result(settings, self_check_page):
    settings.PAGE_CACHE_ENABLED = True
    client = Client()
    url = form_url(self_check_page, PHQ9)
    # The start page is cached, so the cache does store pages here...
    assert client.get(self_check_page.url)[STATUS_HEADER] == "miss"
    assert client.get(self_check_page.url)[STATUS_HEADER] == "hit"
    assert any(b"Choose a check" in value for value in stored_values())
    # ...but not the form, the POST or the result.
    assert client.get(url)[STATUS_HEADER] == "skip"
    result = client.post(url, as_post(SEVERE))
    assert result[STATUS_HEADER] == "skip"
    assert "Your score is 23 out of 27" in result.content.decode()
    for visitor in (client, Client()):
        again = visitor.get(url)
        assert again.status_code == 200
        assert again[STATUS_HEADER] != "hit"
        assert "Your score is" not in again.content.decode()
    assert cache.get(page_key(RequestFactory().get(url))) is None
    assert not any(b"Your score is" in value for value in stored_values())
    assert not any(b"Band text" in value for value in stored_values())


@pytest.fixture
def booking_target(self_check_page, home_page):
    """A live page the result's "Book a consultation" form goes to."""
    page = StandardPageFactory(parent=home_page, title="Book", slug="book")
    self_check_page.booking_page = page
    self_check_page.save()
    return page


def test_the_form_posts_to_its_own_address(client, self_check_page):
    url = form_url(self_check_page, PHQ9)
    form = soup_of(client.get(url)).find("form", class_="self-check-form")
    assert form["action"] == url
    assert form["method"] == "post"


def test_no_answer_reaches_a_url(client, self_check_page, booking_target):
    url = form_url(self_check_page, PHQ9)
    response = client.post(url, as_post(SEVERE))
    assert response.status_code == 200  # shown in place: no redirect to an address
    assert not response.has_header("Location")
    main = soup_of(response).find("main")
    links = [a["href"] for a in main.find_all("a", href=True)]
    assert url in links  # "Start again"
    for href in links:
        assert "?" not in href, href
    forms = main.find_all("form")
    assert [form["action"] for form in forms] == ["/book/"]
    for form in forms:
        assert form["method"] == "post"  # the carried result travels in a POST, if at all
        assert "?" not in form["action"]
