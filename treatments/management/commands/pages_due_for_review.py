"""List health pages whose clinical review is overdue or due soon; exit 1 if any is overdue."""

import sys

from django.core.management.base import BaseCommand

from clinic.review import DUE_WITHIN_DAYS, pages_due_for_review


class Command(BaseCommand):
    help = (
        f"List live pages whose next clinical review is past or within {DUE_WITHIN_DAYS} days. "
        "Exits with status 1 when any is overdue, for cron."
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
            self.stdout.write(f"No page is overdue or due for review within {days} days.")
            return
        for row in due:
            line = (
                f"{row.status.upper():9}  {row.next_review_due.isoformat()}  "
                f"{row.page_type}: {row.title} ({row.page.full_url or row.page.url_path})  "
                f"reviewer: {row.reviewer_name}"
            )
            self.stdout.write(self.style.ERROR(line) if row.overdue else line)
        overdue = sum(row.overdue for row in due)
        self.stdout.write(f"{len(due)} due for review, {overdue} overdue.")
        if overdue:
            sys.exit(1)
