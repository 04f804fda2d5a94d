"""Booking managers keep the reply promise: they change the working days to reply and the
closed days in the clinic settings. The clinic's other details need change_clinic_details,
which no group holds (administrators only)."""

from django.db import migrations

from clinic.security.groups import BOOKING_MANAGERS, ensure_permissions, get_permission, grant

CHANGE_SETTINGS = [("clinic", "change_clinicsettings")]


def managers_edit_reply_promise(apps, schema_editor):
    ensure_permissions(apps, "clinic")
    grant(apps, BOOKING_MANAGERS, model_perms=CHANGE_SETTINGS)


def managers_do_not(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    managers = Group.objects.filter(name=BOOKING_MANAGERS).first()
    if managers:
        managers.permissions.remove(get_permission(apps, "clinic", "change_clinicsettings"))


class Migration(migrations.Migration):
    dependencies = [("clinic", "0007_reply_working_days_and_closed_days")]

    operations = [migrations.RunPython(managers_edit_reply_promise, managers_do_not)]
