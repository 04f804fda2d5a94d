"""A newcomer's laptop: debug on, SQLite, emails printed to the console."""

import os

from .base import *  # noqa: F403
from .encryption_keys import from_environment

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
FIELD_ENCRYPTION_KEYS = from_environment(development_secret=SECRET_KEY)
STAFF_MFA = os.environ.get("STAFF_MFA", "off")  # so `make run` stays two commands
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
DEMO_ACCOUNTS = True  # the demo loader creates sign-in accounts for each role

# Serve static files from the apps directly; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
