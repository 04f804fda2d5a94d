"""Media on object storage (clinic/serving/media_storage.py): the policy lets pictures load from
the storage's origin, and the bucket lets anyone read renditions and nothing else."""

import json
import urllib.error
import urllib.request

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.object_storage import LOCATION

pytestmark = pytest.mark.django_db


def s3_storages(**options):
    default = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "clinic-media", "location": "media", **options},
    }
    return {
        "default": default,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def img_src(response):
    policy = response["Content-Security-Policy"]
    directive = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    return directive.split()[1:]


def test_media_on_the_local_disk_add_no_origin_to_the_policy(client, home_page):
    assert img_src(client.get("/")) == ["'self'", "data:", "blob:"]


@override_settings(
    STORAGES=s3_storages(endpoint_url="http://127.0.0.1:9000", querystring_auth=False)
)
def test_pictures_may_load_from_the_bucket_on_pages_and_in_the_admin(client, home_page, superuser):
    assert img_src(client.get("/")) == ["'self'", "data:", "blob:", "http://127.0.0.1:9000"]
    client.force_login(superuser)
    assert "http://127.0.0.1:9000" in img_src(client.get("/admin/images/"))


@override_settings(STORAGES=s3_storages(custom_domain="media.clinic.example"))
def test_a_cdn_domain_is_the_origin_allowed(client, home_page):
    assert img_src(client.get("/"))[-1] == "https://media.clinic.example"


@override_settings(STORAGES=s3_storages(querystring_auth=False))
def test_the_bucket_policy_command_prints_public_renditions_only(capsys):
    call_command("media_bucket_policy")
    (statement,) = json.loads(capsys.readouterr().out)["Statement"]
    assert statement["Principal"] == "*" and statement["Action"] == "s3:GetObject"
    assert statement["Resource"] == "arn:aws:s3:::clinic-media/media/images/*"


def test_the_bucket_policy_command_refuses_without_a_bucket():
    with pytest.raises(CommandError, match="AWS_STORAGE_BUCKET_NAME"):
        call_command("media_bucket_policy")


def anonymous_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_bucket_serves_renditions_to_anyone_but_not_originals_or_documents(media_bucket):
    for folder in ("images", "original_images", "documents"):
        media_bucket.client.put_object(
            Bucket=media_bucket.name, Key=f"{LOCATION}/{folder}/policy-probe.txt", Body=b"x"
        )
    public = media_bucket.public_url
    assert anonymous_status(public(f"{LOCATION}/images/policy-probe.txt")) == 200
    assert anonymous_status(public(f"{LOCATION}/original_images/policy-probe.txt")) == 403
    assert anonymous_status(public(f"{LOCATION}/documents/policy-probe.txt")) == 403
