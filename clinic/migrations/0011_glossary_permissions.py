"""Clinical reviewers keep the plain-language glossary; clinicians read it."""

from django.db import migrations

from clinic.security.groups import CLINICAL_REVIEWERS, CLINICIANS, ensure_permissions, get_permission, grant

REVIEWERS_GLOSSARY = [
    ("clinic", f"{action}_glossaryterm") for action in ("add", "change", "delete", "view")
]
CLINICIANS_GLOSSARY = [("clinic", "view_glossaryterm")]


def grant_glossary(apps, schema_editor):
    ensure_permissions(apps, "clinic")
    grant(apps, CLINICAL_REVIEWERS, model_perms=REVIEWERS_GLOSSARY)
    grant(apps, CLINICIANS, model_perms=CLINICIANS_GLOSSARY)


def revoke_glossary(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[CLINICAL_REVIEWERS, CLINICIANS]):
        for _, codename in REVIEWERS_GLOSSARY:
            group.permissions.remove(get_permission(apps, "clinic", codename))


class Migration(migrations.Migration):
    dependencies = [("clinic", "0010_plain_language")]

    operations = [migrations.RunPython(grant_glossary, revoke_glossary)]
