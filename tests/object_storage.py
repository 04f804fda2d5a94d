"""An S3-compatible bucket for the tests: moto's standalone server on a free local port.

`running_bucket()` starts `moto_server` (a dev dependency in uv.lock, so every machine with
the locked environment has it: no manual step, no service in .ci/run), creates the media
bucket with the policy production uses (clinic/serving/media_storage.py), and stops the
server afterwards. The session-scoped `media_bucket` fixture (tests/conftest.py) uses it.
"""

import subprocess
from contextlib import contextmanager

import boto3

from clinic.serving.media_storage import public_read_policy
from scripts.servers import free_ports, start_moto, stop, wait_until_answering

BUCKET = "clinic-media"
LOCATION = "media"
REGION = "us-east-1"
# moto accepts any credentials; real ones must never reach a test.
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


class MediaBucket:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.name = BUCKET
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def create(self):
        self.client.create_bucket(Bucket=self.name)
        self.client.put_bucket_policy(
            Bucket=self.name, Policy=public_read_policy(self.name, LOCATION)
        )

    def keys(self, folder=""):
        """Every object's key under `<location>/<folder>`."""
        prefix = f"{LOCATION}/{folder}"
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix
        )
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def public_url(self, key):
        """The address an anonymous browser fetches the object at (path-style addressing)."""
        return f"{self.endpoint}/{self.name}/{key}"

    def settings_environment(self):
        """What production settings need to keep media in this bucket."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.name,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_LOCATION": LOCATION,
            **CREDENTIALS,
        }


@contextmanager
def running_bucket():
    port = free_ports(1)[0]
    process = start_moto(port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        wait_until_answering(endpoint + "/", process)
        bucket = MediaBucket(endpoint)
        bucket.create()
        yield bucket
    finally:
        stop(process)
