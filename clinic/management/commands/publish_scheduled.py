"""Wagtail's `publish_scheduled`, which first sets aside the due revisions of health pages that
no sign-off covers (clinic/editorial/reviewed_content.py).

Wagtail publishes due revisions one by one and stops at the first refusal, so one unreviewed
page would hold back every later scheduled publish on every run. Such a revision loses its
schedule, with a warning here and an entry in the page's history; the rest are published.
"""

import logging

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Page, Revision

from clinic.editorial.publish_guard import SCHEDULED_PUBLISH_REFUSED, needs_sign_off

logger = logging.getLogger(__name__)


def refused_revisions():
    due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by(
        "approved_go_live_at"
    )
    for revision in due:
        is_page = issubclass(revision.content_type.model_class(), Page)
        if is_page and needs_sign_off(revision.as_object()):
            yield revision


class Command(WagtailCommand):
    help = "Publish scheduled revisions and unpublish expired pages; never an unreviewed change."

    def handle(self, *args, **options):
        if not options["dryrun"]:
            for revision in refused_revisions():
                self.set_aside(revision)
        return super().handle(*args, **options)

    def set_aside(self, revision):
        page = revision.as_object()
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])
        log(
            instance=page,
            action=SCHEDULED_PUBLISH_REFUSED,
            revision=revision,
            data={"revision": revision.pk},
        )
        message = (
            f"Not published: '{page.title}' (page {page.pk}, revision {revision.pk}) has "
            "changes no Clinical reviewer signed off. Its schedule is removed."
        )
        logger.warning(message)
        self.stderr.write(message)
