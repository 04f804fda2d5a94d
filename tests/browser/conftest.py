"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client

from clinic.security.groups import CLINICIANS
from tests.factories import UserFactory, demo_like_clinic
from tests.selfcheck.factories import SelfCheckPageFactory

# Playwright's sync API runs an event loop; Django must still allow its ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.hookimpl(tryfirst=True)  # before pytest-django sorts transactional tests last
def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data; restore the migrations' data afterwards.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the data that migrations made (home page, site, groups), serialized at set-up."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", "")


@pytest.fixture(autouse=True)
def migrated_data(django_db_setup, _django_db_helper):
    """Put the migrations' data back after an earlier browser test's flush.

    Django would do this itself, but Playwright's greenlets hand the test a fresh
    connection object that has lost the serialized copy.
    """
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from wagtail.models import Site

    if django_db_setup and not Site.objects.exists():
        # The flush re-created content types under new ids; start clean, then restore.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(django_db_setup)
        # The rows came back with their ids; move PostgreSQL's sequences past them.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture
def site_page(page, live_server):
    """A Playwright page that fails the test if the site asks any other origin for anything."""
    own_origin = urlsplit(live_server.url).netloc
    foreign = []

    def check(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != own_origin:
            foreign.append(request.url)

    page.on("request", check)
    page.base_url = live_server.url
    yield page
    assert not foreign, f"The page requested other origins: {foreign}"


def sign_in(site_page, user):
    """Reuse a Django session in the browser instead of typing a password."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    site_page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": site_page.base_url}]
    )


# Runs in every document, the preview frame included, before its own scripts; Playwright
# injects it past the page's CSP. A violation the page reports becomes a console line.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`
        + ` in ${document.location.pathname}`);
});
"""


@pytest.fixture
def clinician_page(site_page, home_page):
    """The browser, signed in as a member of the Clinicians group, reporting CSP violations."""
    sign_in(site_page, UserFactory(username="clinician", groups=[CLINICIANS]))
    site_page.context.add_init_script(REPORT_VIOLATIONS)
    messages = []
    site_page.on("console", lambda message: messages.append(message.text))
    site_page.console_messages = messages
    return site_page


def axe_violations(page):
    """Run axe-core (bundled with axe-playwright-python, so offline) and return its violations."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return results.response["violations"]


def describe(violations):
    return "\n".join(
        f"{v['id']}: {v['help']} ({[node['target'] for node in v['nodes']]})" for v in violations
    )


@pytest.fixture
def self_check(home_page, site):
    """The self-check under home, and clinic settings with the demo's crisis lines and hours."""
    demo_like_clinic(site)
    return SelfCheckPageFactory(parent=home_page)
