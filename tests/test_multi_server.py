"""Two app servers, one PostgreSQL, one Redis: what one publishes, the other shows at once,
and the booking rate limit counts requests to both.

Starts two gunicorn processes (production settings, page cache on) against a throwaway
PostgreSQL database and a dedicated Redis database (15, flushed), both on 127.0.0.1. An
editor signs in on server A and signs off a new title, which publishes it; server B, whose copy
of the page is in the shared page cache, serves the new title on the very next request.

Skipped only when PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is not reachable;
CI runs both, so there it always runs.
"""

# Local URLs only (127.0.0.1), built by the test itself.
# ruff: noqa: S310

import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from scripts.servers import free_ports, start_gunicorn, stop, wait_until_answering

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
REDIS_URL = "redis://127.0.0.1:6379/15"
RATE_LIMIT = 3
PASSWORD = "multi-server-password-1"
BOOKING_PATH = "/book-a-consultation/"


def reachable(address):
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not (reachable(POSTGRES) and reachable(REDIS)),
    reason="needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (CI runs both)",
)

SEED = f"""
import datetime
from django.contrib.auth import get_user_model
from blog.models import ArticleIndexPage, ArticlePage
from clinic.editorial.people import Person
from home.models import HomePage
import booking.demo
from clinic.documents.demo import load_section
from clinic.editorial.reviewed_content import content_fingerprint

home = HomePage.objects.get()
load_section(booking.demo, home)
index = ArticleIndexPage(title="Articles", slug="articles", intro="Notes from the clinic.")
home.add_child(instance=index)
index.save_revision().publish()
article = ArticlePage(
    title="The first title",
    slug="news",
    teaser="What changed this week.",
    last_reviewed=datetime.date(2026, 1, 5),
    reviewer=Person.objects.create(name="Dr. Test Reviewer"),
)
article.reviewed_fingerprint = content_fingerprint(article)  # its review, as the demo records it
index.add_child(instance=article)
article.save_revision().publish()
editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "{PASSWORD}")
Person.objects.create(name="Dr. Editor", user=editor)  # so their sign-off can name them
"""

# A draft with a new title: saved, not published (visitors must not see it yet).
DRAFT = """
from blog.models import ArticlePage
article = ArticlePage.objects.get(slug="news")
article.title = "The second title"
article.save_revision()
print(article.pk)
"""


class Browser:
    """Just enough of a browser: keeps cookies (secure ones too: the test speaks plain HTTP
    to the app, as a TLS-terminating proxy would), never follows redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.opener = urllib.request.build_opener(self.NoRedirect)

    def request(self, path, data=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, response.headers, response.read().decode()

    def csrf_token(self):
        return self.cookies["csrftoken"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    import psycopg
    import redis

    name = f"clinic_multiserver_{os.getpid()}"
    admin_url = "postgres://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    shared_cache = redis.Redis.from_url(REDIS_URL)
    shared_cache.flushdb()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAGE_CACHE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings.production",
        SECRET_KEY="multi-server-test-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        SITE_URL="http://127.0.0.1",
        # The editor here signs in with a password only: these servers test the shared cache
        # and rate limit; the second factor has its own tests.
        STAFF_MFA="off",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}",
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        BOOKING_RATE_LIMIT=str(RATE_LIMIT),
        PAGE_CACHE="on",
    )

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    processes = []
    try:
        manage("migrate", "--noinput", "-v0")
        manage("collectstatic", "--noinput", "-v0")
        manage("shell", "-c", SEED)
        urls = []
        for port in free_ports(2):
            process = start_gunicorn(port, env)
            processes.append(process)
            urls.append(f"http://127.0.0.1:{port}")
            wait_until_answering(urls[-1] + "/", process)
        yield {"a": urls[0], "b": urls[1], "manage": manage}
    finally:
        for process in processes:
            stop(process)
        shared_cache.flushdb()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def title_of(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def test_what_server_a_publishes_server_b_serves_at_once(servers):
    editor = Browser(servers["a"])
    visitor_a, visitor_b = Browser(servers["a"]), Browser(servers["b"])
    pages = ["/articles/news/", "/articles/", "/", "/articles/feed/rss/"]
    for page in pages:
        for visitor in (visitor_a, visitor_b, visitor_b):
            status, headers, html = visitor.request(page)
            assert status == 200, page
            assert "The first title" in html, page
        assert headers["X-Page-Cache"] == "hit", page  # B serves its copy from the cache

    article_id = servers["manage"]("shell", "-c", DRAFT).split()[-1]
    # A saved draft changes nothing for visitors.
    assert title_of(visitor_b.request("/articles/news/")[2]) == "The first title"

    # An editor (an administrator who may sign off) signs in on server A and signs the draft
    # off, which publishes it.
    editor.request("/admin/login/")
    status, headers, _ = editor.request(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": editor.csrf_token()},
    )
    assert status == 302, "sign-in failed"
    sign_off = f"/admin/clinic/pages/{article_id}/sign-off/"
    assert editor.request(sign_off)[0] == 200
    form = {"csrfmiddlewaretoken": editor.csrf_token(), "next_review_in": "12", "comment": ""}
    status, _, _ = editor.request(sign_off, form)
    assert status == 302, "signing off failed"

    # Server B: the next request of every affected page is fresh.
    for page in pages:
        status, headers, html = visitor_b.request(page)
        assert status == 200, page
        assert "The second title" in html, page
        assert "The first title" not in html, page
        assert headers["X-Page-Cache"] == "miss", page
    assert title_of(visitor_a.request("/articles/news/")[2]) == "The second title"


def test_the_booking_rate_limit_counts_across_both_servers(servers):
    visitors = [Browser(servers["a"]), Browser(servers["b"])]
    statuses = []
    for number in range(RATE_LIMIT + 2):
        visitor = visitors[number % 2]
        visitor.request(BOOKING_PATH)
        status, _, _ = visitor.request(
            BOOKING_PATH,
            # The honeypot filled in: counted, answered like a success, nothing stored.
            {"csrfmiddlewaretoken": visitor.csrf_token(), "website": "bot"},
        )
        statuses.append(status)
    assert statuses[:RATE_LIMIT] == [302] * RATE_LIMIT
    assert statuses[RATE_LIMIT:] == [429, 429]


def sign_in_attempt(browser, password):
    browser.request("/admin/login/")
    return browser.request(
        "/admin/login/",
        {"username": "editor", "password": password, "csrfmiddlewaretoken": browser.csrf_token()},
    )[0]


def test_a_lockout_on_one_server_holds_on_the_other_until_an_administrator_unlocks(servers):
    # Failures alternate between the servers: they count in the shared database, not per process.
    guessers = [Browser(servers["a"]), Browser(servers["b"])]
    statuses = [sign_in_attempt(guessers[n % 2], "not-the-password") for n in range(5)]
    assert statuses[:4] == [200] * 4  # the form again, with an error
    assert statuses[4] == 429  # the fifth locks the account for this address
    assert sign_in_attempt(Browser(servers["b"]), PASSWORD) == 429  # even the right password

    servers["manage"]("axes_reset_username", "editor")  # what the unlock button does
    assert sign_in_attempt(Browser(servers["a"]), PASSWORD) == 302
