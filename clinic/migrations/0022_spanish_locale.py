"""The Spanish locale beside the default English one, and who may start a translation.

Clinicians and Clinical reviewers may "Translate this page": it makes a Spanish draft, which
goes through the same Clinical review as any health page (clinic/editorial/signoff.py).
"""

from django.db import migrations

from clinic.security.groups import CLINICAL_REVIEWERS, CLINICIANS, ensure_permissions, grant

TRANSLATE = [("simple_translation", "submit_translation")]


def spanish_and_translators(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")
    ensure_permissions(apps, "simple_translation")
    for group in (CLINICIANS, CLINICAL_REVIEWERS):
        grant(apps, group, model_perms=TRANSLATE)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0021_spanish_reading_targets"),
        ("simple_translation", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(spanish_and_translators, migrations.RunPython.noop)]
