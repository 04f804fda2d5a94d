"""Print the media bucket's policy (renditions public, originals and documents private).

Apply it once per bucket, e.g. `aws s3api put-bucket-policy --bucket NAME --policy
"$(python manage.py media_bucket_policy)"`; see clinic/serving/media_storage.py for why.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic.serving.media_storage import public_read_policy


class Command(BaseCommand):
    help = "Print the S3 bucket policy that lets anyone read renditions, and nothing else."

    def handle(self, *args, **options):
        storage = settings.STORAGES["default"]
        if not storage["BACKEND"].startswith("storages.backends.s3"):
            raise CommandError(
                "Media are not on object storage: set AWS_STORAGE_BUCKET_NAME (production "
                "settings) to keep them in a bucket."
            )
        bucket_options = storage.get("OPTIONS", {})
        self.stdout.write(
            public_read_policy(bucket_options["bucket_name"], bucket_options.get("location", ""))
        )
