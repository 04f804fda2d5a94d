"""Production: refuses to start without its secrets, HTTPS everywhere behind a proxy."""

import os

from django.core.exceptions import ImproperlyConfigured

from clinic.serving import site_url
from clinic.settings.base import *  # noqa: F403
from clinic.settings.base import env_list
from clinic.settings.encryption_keys import from_environment

_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS", "SITE_URL")
_missing = [name for name in _REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
FIELD_ENCRYPTION_KEYS = from_environment()  # checked now: a bad key stops the start-up
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The one public address of every absolute URL (clinic/serving/site_url.py); a malformed one stops
# the start-up.
SITE_URL = os.environ["SITE_URL"].rstrip("/")
site_url.parse(SITE_URL)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)

# The reverse proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded images and documents on S3-compatible object storage (django-storages) when a
# bucket is named; on the local disk (MEDIA_ROOT) otherwise. Several app servers need it:
# each one's disk holds only what was uploaded to it. Credentials come from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3) or the machine's role.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            # e.g. https://s3.eu-central-1.example.com for a provider other than AWS
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # e.g. media.clinic.example: a CDN or bucket domain the public links use
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Public pictures: plain URLs that a page cache may keep (signed ones expire).
            "querystring_auth": os.environ.get("AWS_QUERYSTRING_AUTH", "false").lower() == "true",
            "file_overwrite": False,
        },
    }

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() != "false"
