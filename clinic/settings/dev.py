"""A newcomer's laptop: debug on, SQLite, emails printed to the console."""

import os

from clinic.settings.base import *  # noqa: F403
from clinic.settings.encryption_keys import from_environment

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
FIELD_ENCRYPTION_KEYS = from_environment(development_secret=SECRET_KEY)
STAFF_MFA = os.environ.get("STAFF_MFA", "off")  # so `make run` stays two commands
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def served_address(host, port):
    """The address `make run` serves (the Makefile exports HOST and PORT): emails' links open
    it. A server listening on every interface is reached at 127.0.0.1."""
    host = host or "127.0.0.1"
    host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104 (a name, not a bind)
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port or '8000'}"


# Every link in notification emails starts with it (base.py: SITE_URL when set).
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL")
    or SITE_URL  # noqa: F405
    or served_address(os.environ.get("HOST"), os.environ.get("PORT"))
)
INTERNAL_IPS = ["127.0.0.1"]
DEMO_ACCOUNTS = True  # the demo loader creates sign-in accounts for each role

# Serve static files from the apps directly; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
