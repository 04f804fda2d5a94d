"""Every person gets a profile address; references and fees get their editors.

- References: clinicians and reviewers add and change them (authors cite as they write);
  reviewers also delete them.
- Fees: booking managers (the front desk, who answer what care costs) keep them; clinicians
  and reviewers read them.
"""

from django.db import migrations
from django.utils.text import slugify

from clinic.security.groups import (
    BOOKING_MANAGERS,
    CLINICAL_REVIEWERS,
    CLINICIANS,
    ensure_permissions,
    get_permission,
    grant,
)


def perms(model, *actions):
    return [("clinic", f"{action}_{model}") for action in actions]


GRANTS = {
    CLINICIANS: perms("reference", "add", "change", "view") + perms("fee", "view"),
    CLINICAL_REVIEWERS: perms("reference", "add", "change", "delete", "view")
    + perms("fee", "view"),
    BOOKING_MANAGERS: perms("fee", "add", "change", "delete", "view"),
}


def fill_slugs(apps, schema_editor):
    Person = apps.get_model("clinic", "Person")
    taken = set()
    for person in Person.objects.filter(slug__isnull=True).order_by("pk"):
        base = slugify(person.name.replace(".", " "))[:110] or "person"
        slug, number = base, 2
        while slug in taken or Person.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        person.slug = slug
        person.save(update_fields=["slug"])


def grant_editors(apps, schema_editor):
    ensure_permissions(apps, "clinic")
    for group, model_perms in GRANTS.items():
        grant(apps, group, model_perms=model_perms)


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, model_perms in GRANTS.items():
        for group in Group.objects.filter(name=name):
            for app_label, codename in model_perms:
                group.permissions.remove(get_permission(apps, app_label, codename))


class Migration(migrations.Migration):
    dependencies = [("clinic", "0012_profiles_sources_fees")]

    operations = [
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.RunPython(grant_editors, revoke_editors),
    ]
