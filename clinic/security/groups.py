"""Helpers for the data migrations that create the clinic's groups and their permissions.

They take the migration's `apps`, so they work on the historical models.
"""

from django.contrib.auth.management import create_permissions

CLINICIANS = "Clinicians"
CLINICAL_REVIEWERS = "Clinical reviewers"
BOOKING_MANAGERS = "Booking managers"


def ensure_permissions(apps, *app_labels):
    """Create the model permissions now: Django only makes them after all migrations."""
    for label in app_labels:
        app_config = apps.get_app_config(label)
        # Migration state app configs have no models module; create_permissions needs one.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def get_permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, group_name, model_perms=(), page_perms=(), collection_perms=()):
    """Give a group model permissions, and page and collection permissions at the root."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codename in model_perms:
        group.permissions.add(get_permission(apps, app_label, codename))

    root_page = Page.objects.filter(depth=1).first()
    for codename in page_perms:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=get_permission(apps, "wagtailcore", codename)
        )

    root_collection = Collection.objects.filter(depth=1).first()
    for app_label, codename in collection_perms:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=get_permission(apps, app_label, codename),
        )
    return group
