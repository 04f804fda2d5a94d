"""Wagtail's default Moderators and Editors groups lose their right to publish pages.

Wagtail gives both groups publish rights on the whole tree; a publish by one of their members
would cancel a page's clinical review. Only the clinic's roles publish: Clinical reviewers
(through their sign-off) and administrators. The groups stay, with their members' other rights,
so an account in them can still edit and submit pages for review.
"""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def remove_publish_rights(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name__in=WAGTAIL_DEFAULT_GROUPS,
        permission__content_type__app_label="wagtailcore",
        permission__codename="publish_page",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0014_share_image"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_publish_rights, migrations.RunPython.noop)]
