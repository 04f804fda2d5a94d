"""Settings shared by every environment; values come from environment variables."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from clinic.settings.environment import env_list, env_switch  # noqa: F401 (production reads them)
from clinic.settings.scheduled_jobs import SCHEDULED_JOBS  # noqa: F401 (a setting)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


INSTALLED_APPS = [
    "clinic",
    "home",
    "treatments",
    "blog",
    "booking",
    "selfcheck",
    "wagtail.contrib.forms",
    # "Translate this page": a draft copy in Spanish, then the same Clinical review.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    # /healthz and /readyz (clinic/serving/health.py): a balancer's plain-HTTP probe by IP,
    # answered before the HTTPS redirect, the Host check, the caches, sessions, the database.
    "clinic.serving.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # NUL bytes out of query parameters before anything puts one in a query (PostgreSQL
    # refuses them: clinic/serving/bad_requests.py).
    "clinic.serving.bad_requests.StripNulMiddleware",
    # Absolute URLs built from a request start with SITE_URL (clinic/serving/site_url.py).
    "clinic.serving.site_url.SiteURLMiddleware",
    # /es/… is Spanish, every other address English: from the address alone
    # (clinic/serving/language.py).
    "clinic.serving.language.PathLanguageMiddleware",
    # Permissions-Policy: the browser features the site never uses are off (PERMISSIONS_POLICY).
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages go out compressed; the page cache stores its pages compressed already
    # (clinic/serving/compression.py).
    "clinic.serving.compression.CompressionMiddleware",
    # Anonymous page views from the shared cache (clinic/serving/pagecache.py): after HTTPS
    # redirects and static files, before everything that may set a cookie.
    "clinic.serving.pagecache.PageCacheMiddleware",
    # A view that finds the database down answers 503 with the phone and crisis lines
    # (clinic/serving/database_down.py; a middleware that does is caught by handler500).
    "clinic.serving.database_down.DatabaseDownMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sign-out after idleness or age (clinic/security/staff_sessions.py): needs the user and
    # the messages; does nothing for requests without a session cookie.
    "clinic.security.staff_sessions.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinic.serving.csp.ClinicCSPMiddleware",
    # Staff previews get the plain-language findings (clinic/plain_language/preview_marks.py).
    "clinic.plain_language.preview_marks.PlainLanguagePreviewMiddleware",
    # The request's Wagtail Site and home page, shared between servers
    # (clinic/serving/shared_data.py).
    "clinic.serving.shared_data.SharedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Staff who must use a second factor reach nothing else in the admin until they have
    # (clinic/security/two_factor.py).
    "clinic.security.two_factor.SecondFactorMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "try again at" page.
    "axes.middleware.AxesMiddleware",
]

# Seconds /readyz waits for the database, Redis and the media storage to answer, side by side.
HEALTH_CHECK_TIMEOUT = float(os.environ.get("HEALTH_CHECK_TIMEOUT", "2"))

ROOT_URLCONF = "clinic.urls"
# A form's failed security check gets the clinic's own page, answers kept
# (clinic/serving/csrf_failure.py).
CSRF_FAILURE_VIEW = "clinic.serving.csrf_failure.csrf_failure"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite in the project folder for a newcomer; DATABASE_URL (PostgreSQL) everywhere else.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache and the caches built on it: clinic/settings/caching.py.
from clinic.settings.caching import *  # noqa: E402, F403

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English at the site's own addresses, Spanish under /es/ (clinic/urls.py); one Wagtail locale each.
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
# The project's own catalogues, ahead of every app's: locale/en rewords Wagtail's messages.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves /media/ itself only in development or for a one-server measurement.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "false").lower() == "true"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "website@northbridge-clinic.example")

LOGIN_URL = "wagtailadmin_login"

# Failed sign-ins (django-axes, clinic/security/lockouts.py): after AXES_FAILURE_LIMIT failures
# within the cool-off time, that account is locked for that address until the cool-off has passed.
# Attempts are kept in the database, so every app server sees the same count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "clinic.security.lockouts.lockout_response"
# Attempts refused during a lockout do not restart it: it ends AXES_COOLOFF_TIME after the
# failure that caused it, the time the lockout page gives.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
# The visitor's address as the booking limit reads it: REMOTE_ADDR, or X-Forwarded-For counted
# from the right past BOOKING_TRUSTED_PROXY_COUNT proxies of ours, never the client-written
# left-most hop (a made-up address per attempt would never reach the limit).
AXES_CLIENT_IP_CALLABLE = "clinic.security.client_address.valid_client_ip"

# "Forgotten password?" (clinic/security/password_reset.py): past either limit within the window no
# email is sent, and the page that follows is the same.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "clinic.security.password_reset.LimitedPasswordResetForm"  # noqa: S105
PASSWORD_RESET_LIMIT_PER_EMAIL = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_EMAIL", "3"))
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "10"))
PASSWORD_RESET_WINDOW_MINUTES = int(os.environ.get("PASSWORD_RESET_WINDOW_MINUTES", "60"))

# Two-factor sign-in for staff (clinic/security/two_factor.py): "required" for every staff account,
# "managers" for Booking managers and administrators, "off". Production defaults to
# "managers", development and tests to "off" (tests switch it on where they test it).
STAFF_MFA = os.environ.get("STAFF_MFA", "managers")
OTP_TOTP_ISSUER = "Northbridge Mind Clinic"

# Automatic logoff of staff (clinic/security/staff_sessions.py): after this many minutes without a
# request, and this many hours after sign-in whatever the activity.
STAFF_SESSION_IDLE_MINUTES = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", "30"))
STAFF_SESSION_MAX_HOURS = int(os.environ.get("STAFF_SESSION_MAX_HOURS", "12"))
# Sessions (in the database: shared by every app server) last no longer than that on the
# server, and the cookie dies with the browser unless "Remember me" was ticked at sign-in:
# front-desk computers are shared, and closing the browser should be enough to sign out.
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

WAGTAIL_SITE_NAME = "Northbridge Mind Clinic"
# The site's one public address (clinic/serving/site_url.py); production requires it. Empty: every
# absolute URL follows the address a request came in on (development, tests).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL or "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "clinic.serving.search_backend"}}
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# A damaged upload gets "Not a valid image" (clinic/editorial/image_upload.py), never a server
# error.
WAGTAILIMAGES_IMAGE_FORM_BASE = "clinic.editorial.image_upload.ClinicImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents go through Django (permission checks, no guessable media URLs) and always
# download as attachments, so a crafted PDF or HTML file never runs in the site's origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Gravatar would send a hash of each editor's email address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Editors may not paste raw HTML or third-party code anywhere.
WAGTAILEMBEDS_RESPONSIVE_HTML = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "clinic": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "booking": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# Booking requests (booking app): per-IP limits, counted in the shared cache: requests the form
# took (typos never count), and every POST with a much higher limit of its own.
BOOKING_RATE_LIMIT = int(os.environ.get("BOOKING_RATE_LIMIT", "5"))
BOOKING_POST_LIMIT = int(os.environ.get("BOOKING_POST_LIMIT", "50"))
BOOKING_RATE_WINDOW_SECONDS = int(os.environ.get("BOOKING_RATE_WINDOW_SECONDS", "3600"))
# How many reverse proxies of ours sit in front of the app and append to X-Forwarded-For.
# 0 (default): use REMOTE_ADDR. Never set it higher than the real count: hops beyond it are
# written by the client and could be forged to dodge the limit.
BOOKING_TRUSTED_PROXY_COUNT = int(os.environ.get("BOOKING_TRUSTED_PROXY_COUNT", "0"))
# Who is told a request arrived (the email holds a link, never the answers); empty: the
# booking page's own "to address".
BOOKING_NOTIFY_EMAILS = env_list("BOOKING_NOTIFY_EMAILS")
# Booking requests posted while the database is down are held here, encrypted, until
# `manage.py store_held_requests` stores them (booking/held_requests.py). Must be on a
# persistent disk that is backed up; one per app server.
BOOKING_SPOOL_DIR = Path(os.environ.get("BOOKING_SPOOL_DIR", BASE_DIR / "var" / "booking-spool"))
# Copies of the clinic's phone, crisis lines and booking questions for pages shown while the
# database is down (clinic/serving/outage_copies.py); also kept in the shared cache.
OUTAGE_COPY_DIR = Path(os.environ.get("OUTAGE_COPY_DIR", BASE_DIR / "var" / "outage"))
# Seconds the 503 page asks a client to wait (Retry-After) while the database is down.
DATABASE_DOWN_RETRY_AFTER = int(os.environ.get("DATABASE_DOWN_RETRY_AFTER", "30"))
# Requests older than this are deleted by `manage.py purge_booking_submissions`.
BOOKING_RETENTION_DAYS = int(os.environ.get("BOOKING_RETENTION_DAYS", "365"))

# Content-Security-Policy, enforced everywhere (development and tests too, so a violation
# shows up long before production). The site and the admin load nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Browser features no page of the site uses, switched off for it and anything it embeds (so a
# compromised script or frame cannot ask for them). Only features Chromium knows: it reports
# any other name (interest-cohort, ambient-light-sensor, bluetooth) on every page's console;
# "browsing-topics" is interest-cohort's successor. Video embeds keep what they need
# (autoplay, fullscreen, picture-in-picture, encrypted media).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
