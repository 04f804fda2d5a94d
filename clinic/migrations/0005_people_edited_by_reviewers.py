"""People (names, credentials) are edited by Clinical reviewers and administrators only.

Clinicians keep the right to view people, so they can still choose an article's authors.
"""

from django.db import migrations

from clinic.security.groups import CLINICAL_REVIEWERS, CLINICIANS, ensure_permissions, get_permission, grant

EDIT_PEOPLE = ["add_person", "change_person"]


def reviewers_edit_people(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ensure_permissions(apps, "clinic")
    clinicians, _ = Group.objects.get_or_create(name=CLINICIANS)
    for codename in EDIT_PEOPLE:
        clinicians.permissions.remove(get_permission(apps, "clinic", codename))
    grant(apps, CLINICAL_REVIEWERS, model_perms=[("clinic", "delete_person")])


def clinicians_edit_people(apps, schema_editor):
    grant(apps, CLINICIANS, model_perms=[("clinic", codename) for codename in EDIT_PEOPLE])


class Migration(migrations.Migration):
    dependencies = [("clinic", "0004_person_sign_in_account_and_clinical_review_task")]

    operations = [migrations.RunPython(reviewers_edit_people, clinicians_edit_people)]
