"""Clinicians and clinical reviewers choose, add and edit article topics."""

from django.db import migrations

from clinic.security.groups import CLINICAL_REVIEWERS, CLINICIANS, ensure_permissions, grant

TOPIC_PERMS = [("blog", "view_topic"), ("blog", "add_topic"), ("blog", "change_topic")]


def grant_topic_permissions(apps, schema_editor):
    ensure_permissions(apps, "blog")
    for group in (CLINICIANS, CLINICAL_REVIEWERS):
        grant(apps, group, model_perms=TOPIC_PERMS)


def revoke_topic_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="blog", codename__in=[codename for _, codename in TOPIC_PERMS]
    )
    for group in Group.objects.filter(name__in=[CLINICIANS, CLINICAL_REVIEWERS]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("clinic", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant_topic_permissions, revoke_topic_permissions)]
