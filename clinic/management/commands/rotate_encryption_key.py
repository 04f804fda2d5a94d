"""Re-encrypt every encrypted value with the first of FIELD_ENCRYPTION_KEYS.

To change keys: put the new key first in FIELD_ENCRYPTION_KEYS, keep the old one after it,
deploy, run this command, then remove the old key. Rows already under the new key are
skipped, so an interrupted run is resumed by running it again.
"""

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic.security import encryption

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value with the first key of FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction.")

    def handle(self, *args, batch_size=500, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        unreadable = 0
        for model, field in encryption.encrypted_columns():
            label = f"{model._meta.label}.{field.name}"
            total = encryption.stored_tokens(model, field).count()
            done = rotated = 0
            last_pk = 0
            while True:
                batch = list(encryption.stored_tokens(model, field, last_pk, batch_size))
                if not batch:
                    break
                with transaction.atomic():
                    for pk, token in batch:
                        result = self.rotate_one(model, field, pk, token)
                        rotated += result == "rotated"
                        unreadable += result == "unreadable"
                done += len(batch)
                last_pk = batch[-1][0]
                self.progress(label, done, total)
            self.stdout.write(f"{label}: {rotated} re-encrypted, {done - rotated} already current.")
        if unreadable:
            raise CommandError(
                f"{unreadable} value(s) could not be decrypted with any key and were left as "
                "they are. Is a key that encrypted them missing from FIELD_ENCRYPTION_KEYS?"
            )

    def rotate_one(self, model, field, pk, token):
        if encryption.is_current(token):
            return "current"
        try:
            new = encryption.rotate(token)
        except InvalidToken:
            self.stderr.write(f"{model._meta.label} {pk}: cannot be decrypted with any key.")
            return "unreadable"
        encryption.store_token(model, field, pk, new)
        return "rotated"

    def progress(self, label, done, total):
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        # On a terminal the bar redraws in place; in a log, one line per batch.
        ending = "\r" if self.stdout.isatty() and done < total else "\n"
        self.stdout.write(f"{label} [{bar}] {done:,}/{total:,}", ending=ending)
