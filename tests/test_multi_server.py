"""Two app servers, one PostgreSQL, one Redis, one media bucket: what one publishes, the other
shows at once, and the booking rate limit counts requests to both.

Starts two gunicorn processes (production settings, page cache on) against a throwaway
PostgreSQL database and a dedicated Redis database (15, flushed), both on 127.0.0.1, with
media in a bucket on moto's S3-compatible server (the `media_bucket` fixture). An editor signs
in on server A and signs off a new title, which publishes it; server B, whose copy of the page
is in the shared page cache, serves the new title on the very next request. Pictures and
documents uploaded through A's admin are served on B from the bucket.

Skipped only when PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is not reachable;
CI runs both, so there it always runs.
"""

# Local URLs only (127.0.0.1), built by the test itself.
# ruff: noqa: S310

import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from scripts.servers import free_ports, start_gunicorn, stop, wait_until_answering
from tests.object_storage import LOCATION

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

home = HomePage.objects.get(locale__language_code="en")
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

# Documents for signed-in people only: Wagtail's collection privacy.
from wagtail.models import Collection, CollectionViewRestriction
staff_only = Collection.get_first_root_node().add_child(name="Staff only")
CollectionViewRestriction.objects.create(
    collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
)
"""

COLLECTIONS = """
from wagtail.models import Collection
print(Collection.get_first_root_node().pk, Collection.objects.get(name="Staff only").pk)
"""

# The uploaded picture becomes the article's hero image, in a draft the editor then signs off.
HERO_DRAFT = """
from blog.models import ArticlePage
from wagtail.images import get_image_model
article = ArticlePage.objects.get(slug="news")
article.hero_image = get_image_model().objects.get(title="Waiting room")
article.hero_image_alt = "Armchairs by a window in the clinic's waiting room."
article.save_revision()
print(article.pk, article.hero_image.pk)
"""

DOCUMENT_URLS = """
import json
from wagtail.documents import get_document_model
print(json.dumps({d.title: [d.url, d.file.name] for d in get_document_model().objects.all()}))
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

    def request(self, path, data=None, files=None):
        """GET, or POST `data` (a form); with `files` ({field: (name, bytes)}), as an upload."""
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if files:
            body, headers["Content-Type"] = multipart(data or {}, files)
        else:
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


def multipart(fields, files):
    """A multipart/form-data body, as a browser sends a form with a file input."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n')
        parts.append(f"{value}\r\n")
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(content)
        parts.append("\r\n")
    parts.append(f"--{boundary}--\r\n")
    body = b"".join(part if isinstance(part, bytes) else part.encode() for part in parts)
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.fixture(scope="module")
def servers(media_bucket):
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
        BOOKING_RATE_LIMIT=str(RATE_LIMIT),
        PAGE_CACHE="on",
        # Uploaded media in the bucket on moto's S3-compatible server (tests/object_storage.py).
        **media_bucket.settings_environment(),
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
        yield {"a": urls[0], "b": urls[1], "manage": manage, "bucket": media_bucket}
    finally:
        for process in processes:
            stop(process)
        shared_cache.flushdb()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sign_in(editor):
    editor.request("/admin/login/")
    status, _, _ = editor.request(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": editor.csrf_token()},
    )
    assert status == 302, "sign-in failed"


def sign_off(editor, page_id):
    """The editor's sign-off of the page's latest draft, which publishes it."""
    sign_off = f"/admin/clinic/pages/{page_id}/sign-off/"
    assert editor.request(sign_off)[0] == 200
    form = {"csrfmiddlewaretoken": editor.csrf_token(), "next_review_in": "12", "comment": ""}
    status, _, _ = editor.request(sign_off, form)
    assert status == 302, "signing off failed"


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
    sign_in(editor)
    sign_off(editor, article_id)

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


# Media on object storage: both servers keep uploads in one bucket (moto's S3-compatible
# server), which serves the renditions to visitors itself.


def last_line(output):
    """What a shell snippet printed last (start-up may print before it)."""
    return output.strip().splitlines()[-1]


def picture(width=1600, height=1000):
    from io import BytesIO

    from PIL import Image

    image = Image.new("RGB", (width, height), (90, 140, 120))
    image.paste((230, 220, 200), (width // 4, height // 4, width // 2, height // 2))
    data = BytesIO()
    image.save(data, "PNG")
    return data.getvalue()


def bucket_urls(html, bucket):
    """Every address on the page (src, srcset, og:image) that points into the bucket."""
    return set(re.findall(re.escape(f"{bucket.endpoint}/{bucket.name}/") + r'[^"\s,]+', html))


def key_of(url, bucket):
    return url.removeprefix(f"{bucket.endpoint}/{bucket.name}/")


def fetch_anonymously(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def upload(editor, kind, title, filename, content, collection):
    """An editor's upload through the admin's add form (kind: images or documents)."""
    editor.request(f"/admin/{kind}/add/")
    fields = {
        "csrfmiddlewaretoken": editor.csrf_token(),
        "title": title,
        "collection": collection,
        "tags": "",
    }
    status, _, html = editor.request(f"/admin/{kind}/add/", fields, {"file": (filename, content)})
    errors = re.findall(r'class="error-message"[^>]*>(.*?)<', html, re.S)
    assert status == 302, f"upload of {filename} refused ({status}): {errors}"


def test_a_picture_uploaded_on_a_shows_from_the_bucket_on_b_and_leaves_with_its_files(servers):
    bucket, manage = servers["bucket"], servers["manage"]
    root_collection, _ = last_line(manage("shell", "-c", COLLECTIONS)).split()
    editor = Browser(servers["a"])
    sign_in(editor)
    originals_before = bucket.keys("original_images/")
    upload(editor, "images", "Waiting room", "waiting-room.png", picture(), root_collection)

    (original,) = bucket.keys("original_images/") - originals_before
    assert "waiting-room" in original
    # Originals (which may carry a camera's metadata) are not for the public.
    assert fetch_anonymously(bucket.public_url(original))[0] == 403

    article_id, image_id = last_line(manage("shell", "-c", HERO_DRAFT)).split()
    renditions_before = bucket.keys("images/")
    sign_off(editor, article_id)  # publishes, on server A
    made = bucket.keys("images/") - renditions_before
    # The publish made the renditions its pages show: the hero's sizes and the shared image.
    for spec in ("fill-720x405", "fill-1080x608", "fill-1440x810", "fill-1200x630"):
        assert any(spec in key for key in made), (spec, made)

    visitor = Browser(servers["b"])
    status, headers, html = visitor.request("/articles/news/")
    assert status == 200
    shown = bucket_urls(html, bucket)
    assert shown, "server B shows no picture from the bucket"
    assert {key_of(url, bucket) for url in shown} <= made  # made at publish, not by B
    assert bucket.keys("images/") - renditions_before == made  # B's visit made none
    for url in shown:
        status, content_type, body = fetch_anonymously(url)
        assert status == 200, url
        assert content_type.startswith("image/") and body, url
    assert bucket.endpoint in img_sources(headers["Content-Security-Policy"])
    # The index's card of the article shows its renditions from the bucket too.
    assert bucket_urls(visitor.request("/articles/")[2], bucket)

    # The editor deletes the picture (server A): its original and every rendition leave the
    # bucket, and server B's pages stop pointing at them.
    delete = f"/admin/images/{image_id}/delete/"
    assert editor.request(delete)[0] == 200
    assert editor.request(delete, {"csrfmiddlewaretoken": editor.csrf_token()})[0] == 302
    assert original not in bucket.keys("original_images/")
    assert not made & bucket.keys("images/")
    status, _, html = visitor.request("/articles/news/")
    assert status == 200
    assert not bucket_urls(html, bucket) & shown


def img_sources(policy):
    directive = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    return directive.split()[1:]


def test_documents_download_through_b_from_the_private_bucket(servers):
    bucket, manage = servers["bucket"], servers["manage"]
    root_collection, staff_only = last_line(manage("shell", "-c", COLLECTIONS)).split()
    editor = Browser(servers["a"])
    sign_in(editor)
    leaflet = b"Aftercare after a ketamine session: rest, no driving until the next day.\n"
    rota = b"Clinician rota (staff only).\n"
    upload(editor, "documents", "Aftercare leaflet", "aftercare.txt", leaflet, root_collection)
    upload(editor, "documents", "Rota", "rota.txt", rota, staff_only)
    documents = {
        title: (url, f"{LOCATION}/{name}")  # the storage keeps files under its location
        for title, (url, name) in json.loads(
            last_line(manage("shell", "-c", DOCUMENT_URLS))
        ).items()
    }

    visitor = Browser(servers["b"])
    url, key = documents["Aftercare leaflet"]
    status, headers, body = visitor.request(url)
    assert status == 200
    assert body == leaflet.decode()
    assert headers["Content-Disposition"].startswith("attachment")
    # Not from the bucket directly: Django serves documents and applies their privacy.
    assert key in bucket.keys("documents/")
    assert fetch_anonymously(bucket.public_url(key))[0] == 403

    url, key = documents["Rota"]
    status, headers, _ = visitor.request(url)
    assert status == 302 and "login" in headers["Location"]  # sign in first
    assert fetch_anonymously(bucket.public_url(key))[0] == 403
    staff = Browser(servers["b"])
    staff.cookies = dict(editor.cookies)  # signed in on A: the session holds on B too
    status, _, body = staff.request(url)
    assert status == 200
    assert body == rota.decode()
