"""Delete booking requests older than the retention period (BOOKING_RETENTION_DAYS, default 365)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.utils import timezone
from wagtail import log_actions

from booking.models import BookingFormPage, BookingSubmission

DEFAULT_RETENTION_DAYS = 365


class Command(BaseCommand):
    help = (
        "Delete booking requests older than BOOKING_RETENTION_DAYS (default 365). "
        "Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = int(getattr(settings, "BOOKING_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = BookingSubmission.objects.older_than(cutoff)
        when = timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M")

        if dry_run:
            count = old.count()
            self.stdout.write(
                f"Dry run: would delete {count} booking request(s) submitted before {when} "
                f"(retention {days} days)."
            )
            return

        with transaction.atomic():
            counts = dict(old.order_by().values_list("page_id").annotate(rows=models.Count("id")))
            # QuerySet.delete of the base class: the system deletes, not a user.
            models.QuerySet.delete(old)
            for page in BookingFormPage.objects.filter(pk__in=counts):
                log_actions.log(
                    page,
                    "booking.delete",
                    user=None,
                    data={"rows": counts[page.pk], "purge": True, "retention_days": days},
                )
        count = sum(counts.values())
        self.stdout.write(
            f"Deleted {count} booking request(s) submitted before {when} (retention {days} days)."
        )
