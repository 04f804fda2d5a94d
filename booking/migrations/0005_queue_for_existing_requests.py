"""Existing requests join the queue (due times, search tokens); managers may work it."""

from django.db import migrations

from booking.queue import search_tokens
from clinic.security.groups import BOOKING_MANAGERS, ensure_permissions, grant
from clinic.practice.working_days import reply_due

DEFAULT_WORKING_DAYS = 2


def clinic_rules(apps):
    """The working days and closed days of the first site's clinic settings, if any."""
    settings = apps.get_model("clinic", "ClinicSettings").objects.order_by("pk").first()
    if settings is None:
        return DEFAULT_WORKING_DAYS, ()
    closed = [block.value["date"] for block in settings.closed_days]
    return settings.reply_working_days, closed


def fill_queue_fields(apps, schema_editor):
    BookingSubmission = apps.get_model("booking", "BookingSubmission")
    working_days, closed = clinic_rules(apps)
    for submission in BookingSubmission.objects.filter(reply_due__isnull=True).iterator():
        data = submission.form_data
        submission.reply_due = reply_due(submission.submit_time, working_days, closed)
        submission.search_tokens = search_tokens(
            data.get("full_name"), data.get("email"), data.get("phone")
        )
        submission.save(update_fields=["reply_due", "search_tokens"])


def grant_managers(apps, schema_editor):
    ensure_permissions(apps, "booking")
    grant(apps, BOOKING_MANAGERS, model_perms=[("booking", "change_bookingsubmission")])


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0004_queue_status_owner_notes"),
        ("clinic", "0008_managers_edit_reply_promise"),
    ]

    operations = [
        migrations.RunPython(fill_queue_fields, migrations.RunPython.noop),
        migrations.RunPython(grant_managers, migrations.RunPython.noop),
    ]
