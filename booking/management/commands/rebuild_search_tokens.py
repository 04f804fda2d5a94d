"""Recompute every booking request's search tokens (after SECRET_KEY, which keys them, changes)."""

from django.core.management.base import BaseCommand

from booking.models import BookingSubmission

BATCH = 500


class Command(BaseCommand):
    help = (
        "Recompute the keyed-hash search tokens of every booking request (after a new SECRET_KEY)."
    )

    def handle(self, *args, **options):
        rebuilt = unreadable = 0
        requests = BookingSubmission.objects.only("pk", "form_data", "search_tokens")
        for submission in requests.order_by("pk").iterator(chunk_size=BATCH):
            if submission.answers_unreadable:
                unreadable += 1
                continue
            before = submission.search_tokens
            submission.fill_search_tokens()
            if submission.search_tokens != before:
                BookingSubmission.objects.filter(pk=submission.pk).update(
                    search_tokens=submission.search_tokens
                )
                rebuilt += 1
        self.stdout.write(f"{rebuilt} request(s) given new search tokens.")
        if unreadable:
            self.stderr.write(f"{unreadable} request(s) cannot be decrypted and were skipped.")
