"""Booking managers (and no one else) read, export and delete booking requests."""

from django.db import migrations

from clinic.security.groups import BOOKING_MANAGERS, ensure_permissions, grant

MANAGER_PERMISSIONS = [
    ("booking", "view_bookingsubmission"),
    ("booking", "export_bookingsubmission"),
    ("booking", "delete_bookingsubmission"),
]


def grant_managers(apps, schema_editor):
    ensure_permissions(apps, "booking")
    grant(apps, BOOKING_MANAGERS, model_perms=MANAGER_PERMISSIONS)


def revoke_managers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=BOOKING_MANAGERS).first()
    if group is None:
        return
    group.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="booking",
            codename__in=[codename for _, codename in MANAGER_PERMISSIONS],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0001_initial"),
        ("clinic", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant_managers, revoke_managers)]
