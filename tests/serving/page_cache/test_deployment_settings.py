"""Production settings read the several-servers options from the environment."""

import json

import pytest

from tests.serving.test_production_settings import KEY, run_with_production_settings

SHOW = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps({'media': settings.STORAGES['default'], "
    "'frontend': getattr(settings, 'WAGTAILFRONTENDCACHE', None), "
    "'s_maxage': settings.PAGE_CACHE_S_MAXAGE, 'page_cache': settings.PAGE_CACHE_ENABLED}))"
)
REQUIRED = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "clinic.example",
    "FIELD_ENCRYPTION_KEYS": KEY,
    "SITE_URL": "https://clinic.example",
}


def production(**env):
    env = {"REDIS_URL": "", "PAGE_CACHE": "", **env}  # empty: as if unset
    result = run_with_production_settings(SHOW, **REQUIRED, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_stay_on_the_local_disk_unless_a_bucket_is_named():
    assert production()["media"]["BACKEND"].endswith("FileSystemStorage")


def test_a_bucket_puts_media_on_s3_compatible_storage():
    media = production(
        AWS_STORAGE_BUCKET_NAME="clinic-media",
        AWS_S3_ENDPOINT_URL="https://objects.example",
    )["media"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "clinic-media"
    assert media["OPTIONS"]["endpoint_url"] == "https://objects.example"
    assert media["OPTIONS"]["querystring_auth"] is False


def test_without_a_cdn_purge_shared_caches_keep_nothing():
    settings = production()
    assert settings["frontend"] is None
    assert settings["s_maxage"] == 0


@pytest.mark.parametrize("backend", ["cloudflare", "cloudfront", "http"])
def test_a_configured_cdn_purge_lets_shared_caches_keep_pages(backend):
    settings = production(FRONTEND_CACHE_BACKEND=backend, PAGE_CACHE_S_MAXAGE="600")
    assert settings["frontend"]["default"]["BACKEND"].startswith(
        "wagtail.contrib.frontend_cache.backends."
    )
    assert settings["s_maxage"] == 600


def test_the_page_cache_is_on_with_a_shared_cache_and_can_be_switched_off():
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/9"}
    assert production(**redis)["page_cache"] is True
    assert production(**redis, PAGE_CACHE="off")["page_cache"] is False


def test_without_redis_the_page_cache_is_off_unless_asked_for():
    """Each worker would keep its own copies, and only the one that saw a change would
    forget them: on only when asked, for a single process."""
    assert production()["page_cache"] is False
    assert production(PAGE_CACHE="on")["page_cache"] is True
