"""List health pages never reviewed, overdue or due soon; exit 1 if any is unreviewed or overdue."""

import sys

from django.core.management.base import BaseCommand

from clinic.editorial.due_for_review import DUE_WITHIN_DAYS, count_by_status, pages_due_for_review


class Command(BaseCommand):
    help = (
        "List live health pages that have never been clinically reviewed, or whose next review "
        f"is past or within {DUE_WITHIN_DAYS} days. Exits with status 1 when any is never "
        "reviewed or overdue, for cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DUE_WITHIN_DAYS,
            help=f"How far ahead to look (default {DUE_WITHIN_DAYS} days).",
        )

    def handle(self, *args, days, **options):
        due = pages_due_for_review(within_days=days)
        if not due:
            self.stdout.write(
                f"No page is overdue or due for review within {days} days, "
                "and every live health page has been reviewed."
            )
            return
        for row in due:
            date = "-" if row.never_reviewed else row.next_review_due.isoformat()
            line = (
                f"{row.status.upper():14}  {date:10}  "
                f"{row.page_type}: {row.title} ({row.page.full_url or row.page.url_path})  "
                f"reviewer: {row.reviewer_name}"
            )
            urgent = row.never_reviewed or row.overdue
            self.stdout.write(self.style.ERROR(line) if urgent else line)
        counts = count_by_status(due)
        self.stdout.write(
            f"{len(due)} due for review, {counts['overdue']} overdue, "
            f"{counts['never']} never reviewed."
        )
        if counts["overdue"] or counts["never"]:
            sys.exit(1)
