"""The test suite: SQLite in memory unless DATABASE_URL points at PostgreSQL."""

import os
import tempfile
from pathlib import Path

from clinic.settings.base import *  # noqa: F403
from clinic.settings.encryption_keys import from_environment

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
FIELD_ENCRYPTION_KEYS = from_environment(development_secret=SECRET_KEY)
STAFF_MFA = os.environ.get("STAFF_MFA", "off")  # tests switch it on where they test it
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# Serve static files from the apps directly; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests render every request unless they switch the page cache on (tests/serving/page_cache/).
PAGE_CACHE_ENABLED = False
# Publishing makes no renditions unless a test asks (clinic/serving/warm_renditions.py).
WARM_RENDITIONS = False
# One process: its local-memory cache is shared by every request, as Redis is in production.
SHARED_DATA_CACHE = True
# Held booking requests and outage copies: a fresh folder per run, never the project's var/.
_TEST_VAR = Path(tempfile.mkdtemp(prefix="clinic-test-var-"))
BOOKING_SPOOL_DIR = _TEST_VAR / "booking-spool"
OUTAGE_COPY_DIR = _TEST_VAR / "outage"
