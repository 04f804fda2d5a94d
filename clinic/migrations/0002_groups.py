"""Every database gets the clinic's three groups with the permissions they need."""

from django.db import migrations

from clinic.security.groups import BOOKING_MANAGERS, CLINICAL_REVIEWERS, CLINICIANS, ensure_permissions, grant

ADMIN_ACCESS = [("wagtailadmin", "access_admin")]
MEDIA = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
PEOPLE = [("clinic", "view_person"), ("clinic", "add_person"), ("clinic", "change_person")]


def create_groups(apps, schema_editor):
    ensure_permissions(apps, "clinic", "wagtailcore", "wagtailimages", "wagtaildocs")
    # Clinicians write and submit for review; they never publish.
    grant(
        apps,
        CLINICIANS,
        model_perms=ADMIN_ACCESS + PEOPLE,
        page_perms=["add_page", "change_page"],
        collection_perms=MEDIA,
    )
    # Clinical reviewers approve and publish.
    grant(
        apps,
        CLINICAL_REVIEWERS,
        model_perms=ADMIN_ACCESS + PEOPLE,
        page_perms=["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        collection_perms=MEDIA,
    )
    # Booking managers sign in to read booking requests; the booking app adds those rights.
    grant(apps, BOOKING_MANAGERS, model_perms=ADMIN_ACCESS)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[CLINICIANS, CLINICAL_REVIEWERS, BOOKING_MANAGERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
