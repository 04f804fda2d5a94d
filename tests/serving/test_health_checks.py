"""/healthz and /readyz (clinic/serving/health.py): what load balancers and orchestrators ask.

/healthz answers while every other part is down; /readyz names the part that does not answer
and nothing of its address or credentials; neither is cached, sets a cookie or is listed in the
sitemap; under production settings both answer a plain-HTTP probe addressed to an IP.
"""

import json
import logging
import math
import threading
from unittest import mock

import pytest
from django.db import connections
from django.db.utils import OperationalError

from clinic.serving import health
from scripts.servers import free_ports
from tests.serving.test_production_settings import REQUIRED, run_with_production_settings
from tests.throwaway_redis import TEST_REDIS_URL, shared_redis_reachable

# What a driver may put in its error: a host, a user. None of it may reach a probe's answer.
DRIVER_ERROR = 'connection to server at "db.internal" (10.0.0.3), port 5432 failed: user "clinic"'


@pytest.fixture(autouse=True)
def fresh_verdicts(monkeypatch):
    """Each test probes afresh: no verdict kept from an earlier test, none reused."""
    monkeypatch.setattr(health, "_recent", {"at": -math.inf, "verdicts": None})
    monkeypatch.setattr(health, "_last_verdicts", {})
    monkeypatch.setattr(health, "_running", {})
    monkeypatch.setattr(health, "VERDICT_REUSED_FOR_SECONDS", 0)


@pytest.fixture
def health_log(caplog):
    """The health module's log records, from INFO up."""
    caplog.set_level(logging.INFO, logger="clinic.serving.health")
    return caplog


def refusing_connections():
    """The database refuses every new connection, as while PostgreSQL restarts."""
    return mock.patch.object(
        type(connections["default"]),
        "get_new_connection",
        side_effect=OperationalError(DRIVER_ERROR),
    )


def closed_port():
    return free_ports()[0]


def text(response):
    return response.content.decode()


# ----------------------------------------------------------------------- /healthz


def test_healthz_answers_without_touching_the_database(client):
    """No `db` fixture: pytest-django would fail any query this test made."""
    with refusing_connections():
        response = client.get("/healthz")
    assert response.status_code == 200
    assert text(response) == "ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


# ------------------------------------------------------------------------ /readyz


def test_readyz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert text(response) == "database: ok\n"


def test_readyz_names_the_database_when_it_refuses_connections(client, db):
    with refusing_connections():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert text(response) == "database: unavailable\n"
    assert "db.internal" not in text(response)


def test_a_part_that_stops_answering_is_logged_once_and_again_when_it_is_back(
    client, db, health_log
):
    with refusing_connections():
        client.get("/readyz")
        client.get("/readyz")
    client.get("/readyz")
    messages = [record.getMessage() for record in health_log.records]
    assert messages == [
        f"Readiness: database unavailable (OperationalError: {DRIVER_ERROR})",
        "Readiness: database answers again",
    ]


def test_readyz_names_redis_when_it_does_not_answer(client, db, settings):
    settings.REDIS_URL = f"redis://:redis-s3cret@127.0.0.1:{closed_port()}/2"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert text(response) == "database: ok\nredis: unavailable\n"


@pytest.mark.skipif(
    not shared_redis_reachable(), reason=f"needs Redis at {TEST_REDIS_URL} (CI starts one)"
)
def test_readyz_answers_ok_when_redis_answers(client, db, settings):
    settings.REDIS_URL = TEST_REDIS_URL
    response = client.get("/readyz")
    assert response.status_code == 200
    assert text(response) == "database: ok\nredis: ok\n"


def test_media_on_the_local_disk_are_not_checked_and_object_storage_is(client, db, settings):
    assert "storage" not in text(client.get("/readyz"))  # the test settings' local disk
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    assert text(response) == "database: ok\nstorage: ok\n"


def test_readyz_names_the_storage_when_the_bucket_does_not_answer(client, db, settings):
    settings.HEALTH_CHECK_TIMEOUT = 1
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "clinic-media",
                "endpoint_url": f"http://127.0.0.1:{closed_port()}",
                "region_name": "us-east-1",
                "access_key": "AKIDEXAMPLE",
                "secret_key": "storage-s3cret",
            },
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    lines = text(response).splitlines()
    assert lines[0] == "database: ok"
    # Refused at once, or still retrying when the time is up: either way, named.
    assert lines[1] in ("storage: unavailable", "storage: timed out")
    assert "s3cret" not in text(response)


def test_a_part_that_hangs_is_timed_out_and_not_asked_again_while_it_hangs(
    client, settings, monkeypatch
):
    settings.HEALTH_CHECK_TIMEOUT = 0.1
    release, calls = threading.Event(), []

    def hangs(timeout):
        calls.append(timeout)
        release.wait(30)

    monkeypatch.setattr(health, "database_answers", hangs)
    try:
        first, second = client.get("/readyz"), client.get("/readyz")
    finally:
        release.set()
    assert first.status_code == second.status_code == 503
    assert text(first) == text(second) == "database: timed out\n"
    assert len(calls) == 1  # one hung thread at most, however often the balancer asks


def test_a_verdict_is_reused_for_a_moment_then_asked_again(client, monkeypatch):
    calls = []
    monkeypatch.setattr(health, "database_answers", calls.append)
    monkeypatch.setattr(health, "VERDICT_REUSED_FOR_SECONDS", 3600)
    client.get("/readyz")
    client.get("/readyz")
    assert len(calls) == 1
    monkeypatch.setattr(health, "VERDICT_REUSED_FOR_SECONDS", 0)
    client.get("/readyz")
    assert len(calls) == 2


# ------------------------------------------------------------- both endpoints


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/healthz/", "/readyz/"])
def test_never_cached_and_no_cookie_even_with_the_page_cache_on(client, db, settings, path):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):  # a second view would be the page cache's hit
        response = client.get(path)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert "X-Page-Cache" not in response  # the page cache never saw it
        assert not response.cookies  # no session, no CSRF cookie
        assert "Set-Cookie" not in response


def test_a_head_probe_gets_the_status_without_a_body(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == "3"  # as a GET's "ok\n"


def test_a_post_is_refused(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_not_in_the_sitemap(client, home_page):
    sitemap = text(client.get("/sitemap.xml"))
    assert "<url>" in sitemap
    assert "healthz" not in sitemap
    assert "readyz" not in sitemap


# ------------------------------------------------------ under production settings

PROBE = """
import django, json
django.setup()
from django.test import Client
answers = {}
for path, host in %r:
    # Plain HTTP, as from a balancer (no X-Forwarded-Proto).
    response = Client(HTTP_HOST=host).get(path)
    answers[path] = {"status": response.status_code, "body": response.content.decode()}
print(json.dumps(answers))
"""
BY_IP = "10.0.0.7"  # a balancer's probe is addressed to the server's IP, not in ALLOWED_HOSTS


def probe_under_production(*requests, **env):
    result = run_with_production_settings(PROBE % (requests,), **REQUIRED, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_answers_a_plain_http_probe_by_ip_while_the_database_and_redis_are_down():
    answers = probe_under_production(
        ("/healthz", BY_IP),
        ("/readyz", BY_IP),
        ("/", "clinic.example"),
        DATABASE_URL=f"postgres://clinic:db-s3cret@127.0.0.1:{closed_port()}/clinic",
        REDIS_URL=f"redis://:redis-s3cret@127.0.0.1:{closed_port()}/0",
    )
    assert answers["/healthz"] == {"status": 200, "body": "ok\n"}
    assert answers["/readyz"] == {
        "status": 503,
        "body": "database: unavailable\nredis: unavailable\n",
    }
    # Any other address is sent to HTTPS, as before.
    assert answers["/"]["status"] == 301


def test_production_readyz_answers_ok_when_the_database_answers(tmp_path):
    answers = probe_under_production(
        ("/readyz", BY_IP), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", REDIS_URL=""
    )
    assert answers["/readyz"] == {"status": 200, "body": "database: ok\n"}
