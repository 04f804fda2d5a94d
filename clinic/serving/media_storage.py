"""Uploaded media on object storage: where pictures are fetched from, and who may read what.

With an S3-compatible bucket (clinic/settings/production.py), a page's pictures are loaded
from the bucket's (or its CDN's) address, not the site's: the Content-Security-Policy must
allow that origin for images (clinic/serving/csp.py asks `media_origin()`).

Only renditions are public. An original upload may still carry the camera's metadata (a
location, a device) that a rendition does not, and documents are served through Django
(WAGTAILDOCS_SERVE_METHOD = "serve_view"), which applies Wagtail's collection privacy: so the
bucket policy lets anyone read `<location>/images/` and nothing else (`public_read_policy`,
printed for the operator by `manage.py media_bucket_policy`).
"""

import json
from functools import cache
from urllib.parse import urlsplit

from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver

# Where Wagtail writes renditions, under the storage's location (AbstractRendition.upload_to).
RENDITIONS_FOLDER = "images"


@cache
def media_origin():
    """`scheme://host[:port]` of the storage's public URLs, or None when they are paths on
    the site itself (media on the local disk). Asked of the storage, so a custom domain, an
    endpoint or AWS's own addressing all come out as the browser will see them."""
    url = urlsplit(default_storage.url("origin-probe"))
    if not (url.scheme and url.netloc):
        return None
    return f"{url.scheme}://{url.netloc}"


@receiver(setting_changed)
def forget_origin(setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_URL"):
        media_origin.cache_clear()


def public_read_policy(bucket, location="media"):
    """The bucket policy (JSON) that makes renditions readable by anyone, and only them."""
    prefix = "/".join(part for part in (location.strip("/"), RENDITIONS_FOLDER) if part)
    statement = {
        "Sid": "PublicRenditions",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/{prefix}/*",
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]}, indent=2)
