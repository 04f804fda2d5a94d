"""Store the booking requests held while the database was down; run every minute.

Requests posted while PostgreSQL was unavailable wait, encrypted, in BOOKING_SPOOL_DIR
(booking/held_requests.py). This stores each one exactly once, with its original arrival
time and reference, and emails the managers as for any request (booking/store_held.py).
Prints references and counts only, never answers. Exit status 1 when the database is still
down or a held file cannot be read (it is kept for the next run); 0 otherwise, also when
there was nothing to do. Each app server has its own spool: run it on every one.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from booking.store_held import store_held_requests


class Command(BaseCommand):
    help = (
        "Store the booking requests held on this server while the database was down, "
        "exactly once. Meant to run every minute."
    )

    def handle(self, *args, **options):
        try:
            outcome = store_held_requests()
        except DatabaseError as error:
            raise CommandError(
                "The database is still unavailable; the held requests are kept."
            ) from error
        for reference in outcome.stored:
            self.stdout.write(f"Stored {reference}")
        for reference in outcome.already_stored:
            self.stdout.write(f"{reference} was stored already; its held copy is removed")
        self.stdout.write(
            f"{len(outcome.stored)} held booking request(s) stored, "
            f"{len(outcome.already_stored)} stored already, {len(outcome.failed)} unreadable."
        )
        if outcome.failed:
            raise CommandError(
                f"{len(outcome.failed)} held request(s) cannot be decrypted with "
                "FIELD_ENCRYPTION_KEYS; they are kept: " + ", ".join(outcome.failed)
            )
