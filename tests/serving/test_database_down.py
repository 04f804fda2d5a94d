"""While the database is down: cached pages still served, every other page a calm 503 with the
clinic's phone and crisis lines (from the copy ClinicSettings keeps, or the national lines)."""

import logging

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from clinic.serving import database_down, outage_copies
from tests.outage import database_down as db_down


@pytest.fixture(autouse=True)
def fresh_copies(settings, tmp_path):
    settings.OUTAGE_COPY_DIR = tmp_path / "outage"
    outage_copies.forget_written()
    yield
    outage_copies.forget_written()


@pytest.fixture
def visitor():
    # As a browser sees it: the answer, not the exception the test client would re-raise.
    return Client(raise_request_exception=False)


@pytest.fixture
def kept_contacts(clinic_contacts, django_capture_on_commit_callbacks):
    """The clinic's phone and crisis line, saved: the save keeps the copy once committed."""
    with django_capture_on_commit_callbacks(execute=True):
        clinic_contacts.save()
    return clinic_contacts


def assert_calm_503(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "This page is back in a moment" in html
    assert "Traceback" not in html and "OperationalError" not in html
    return html


@pytest.mark.django_db
def test_a_page_that_needs_the_database_answers_503_with_the_clinics_numbers(
    visitor, kept_contacts
):
    with db_down():
        response = visitor.get("/")
    html = assert_calm_503(response)
    assert 'href="tel:5550100140"' in html  # the clinic's phone, from the copy
    assert "Test Crisis Line" in html
    assert 'href="tel:5550199"' in html


@pytest.mark.django_db
def test_without_a_copy_the_503_page_gives_the_national_crisis_lines(visitor, home_page):
    cache.clear()  # no copy in the shared cache, none on disk (a fresh folder)
    with db_down():
        response = visitor.get("/")
    html = assert_calm_503(response)
    assert 'href="tel:911"' in html
    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    assert "Test Crisis Line" not in html


@pytest.mark.django_db
def test_the_copy_on_disk_is_enough_when_the_shared_cache_lost_it(visitor, kept_contacts):
    cache.clear()  # Redis flushed or gone too: the file on this server still has it
    with db_down():
        html = assert_calm_503(visitor.get("/"))
    assert "Test Crisis Line" in html


@pytest.mark.django_db
def test_the_503_page_renders_with_a_database_that_raises(kept_contacts):
    with db_down():
        response = database_down.unavailable_response()
    assert response.status_code == 503
    assert "Test Crisis Line" in response.content.decode()


@pytest.mark.django_db
def test_a_view_that_meets_the_outage_answers_503_too(visitor, kept_contacts):
    """After a first view the site lookup is shared: the routing query in the view fails."""
    assert visitor.get("/").status_code == 200
    with db_down():
        assert_calm_503(visitor.get("/no-such-page/"))


@pytest.mark.django_db
def test_the_admin_shows_the_same_503(client, superuser, kept_contacts):
    client.force_login(superuser)
    client.raise_request_exception = False
    with db_down():
        html = assert_calm_503(client.get("/admin/"))
    assert "home page" not in html  # no link out of the admin for staff


@pytest.mark.django_db
def test_a_cached_page_is_still_served_while_the_database_is_down(settings, visitor, home_page):
    settings.PAGE_CACHE_ENABLED = True
    visitor.get("/")
    assert visitor.get("/")["X-Page-Cache"] == "hit"
    with db_down():
        response = visitor.get("/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert "Need help now?" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_keep_the_500_page(rf):
    request = rf.get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = database_down.server_error(request)
    assert response.status_code == 500


def test_an_error_raised_from_a_lost_connection_counts_as_the_outage():
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as lost:
            raise RuntimeError("while rendering") from lost
    except RuntimeError as error:
        assert database_down.is_unavailable(error)
    assert not database_down.is_unavailable(ValueError("no"))


def test_the_outage_leaves_one_warning_a_minute_not_a_traceback_per_request(
    visitor, home_page, caplog
):
    database_down._last_warning["at"] = float("-inf")
    with db_down(), caplog.at_level(logging.INFO):
        for _ in range(3):
            visitor.get("/")
    outage_records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in outage_records] == [
        "The database is unavailable: answering 503 (GET /)"
    ]


# Under production settings, in a process of its own whose database cannot be opened at all.
PRODUCTION_OUTAGE = """
import django; django.setup()
from django.contrib.staticfiles.storage import StaticFilesStorage, staticfiles_storage
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory
from clinic.serving import pagecache

# collectstatic has not run here: plain static URLs instead of the manifest's hashed names.
staticfiles_storage._wrapped = StaticFilesStorage()
request = RequestFactory().get("/cached/", HTTP_HOST="clinic.example", secure=True)
generation = pagecache.current_token(pagecache.GENERATION_KEY)
page = HttpResponse("<p>a cached page</p>", content_type="text/html")
cache.set(pagecache.page_key(request), (generation, pagecache.freeze(page)))
visitor = Client(HTTP_HOST="clinic.example", raise_request_exception=False)
hit = visitor.get("/cached/", secure=True)
print("hit", hit.status_code, hit["X-Page-Cache"], hit.content.decode())
miss = visitor.get("/other/", secure=True)
print("miss", miss.status_code, miss["Retry-After"], "back in a moment" in miss.content.decode())
"""


def test_under_production_settings_a_cache_hit_needs_no_database(tmp_path):
    from tests.serving.test_production_settings import REQUIRED, run_with_production_settings

    result = run_with_production_settings(
        PRODUCTION_OUTAGE,
        **REQUIRED,
        PAGE_CACHE="on",
        DATABASE_URL=f"sqlite:///{tmp_path}/no-such-folder/db.sqlite3",  # cannot be opened
        OUTAGE_COPY_DIR=str(tmp_path / "outage"),
    )
    assert result.returncode == 0, result.stderr
    assert "hit 200 hit <p>a cached page</p>" in result.stdout
    assert "miss 503 30 True" in result.stdout
    assert "Traceback" not in result.stderr
