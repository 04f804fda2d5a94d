"""Booking requests held while the database is down: an encrypted spool on the app server's disk.

When a request cannot be stored because the database is unavailable (a restart, a killed
connection), it is not lost:
- it is written to BOOKING_SPOOL_DIR as one file, encrypted with the field-encryption keys
  (clinic.security.encryption: never plain text), atomically (temp file, fsync, rename), with
  its arrival time, the consent given, and the reference the visitor is shown;
- the visitor gets the thank-you page with that reference and the reply promise, rendered
  from the copies kept for outages (clinic/serving/outage_copies.py), with no query;
- `manage.py store_held_requests` (every minute, from the scheduled jobs) stores each held
  request as a normal one once the database is back: booking/store_held.py.

The reference of a held request is made without the database: NB-H and seven letters and
digits (NB-HK7Q4MX2), stored with the request (BookingSubmission.held_reference, unique), so
it is stored exactly once and staff find it by the reference the visitor quotes.
"""

import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from clinic.security.encryption import decrypt, encrypt
from clinic.serving.outage_copies import write_atomically

from . import queue

logger = logging.getLogger("booking")

SUFFIX = ".held"
FORMAT_VERSION = 1
# No 0/O, 1/I/L: read out on the phone without doubt.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 7


class SpoolUnavailable(Exception):
    """The spool cannot take the request (disk full, folder not writable)."""


def spool_dir():
    return Path(settings.BOOKING_SPOOL_DIR)


def new_reference():
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{queue.HELD_REFERENCE_PREFIX}{code}"


@dataclass
class HeldRequest:
    """One request as held: what BookingSubmission needs, and when it arrived."""

    reference: str
    intake_key: str
    page_id: int
    received_at: datetime
    consent_version: str
    form_data: dict
    service_page_id: int | None
    # The address's language (reading the page's locale would need the database).
    language: str = "en"

    def to_json(self):
        return json.dumps(
            {
                "version": FORMAT_VERSION,
                "reference": self.reference,
                "intake_key": self.intake_key,
                "page_id": self.page_id,
                "received_at": self.received_at.isoformat(),
                "consent_version": self.consent_version,
                "form_data": self.form_data,
                "service_page_id": self.service_page_id,
                "language": self.language,
            },
            cls=DjangoJSONEncoder,
        )

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        return cls(
            reference=data["reference"],
            intake_key=data["intake_key"],
            page_id=data["page_id"],
            received_at=datetime.fromisoformat(data["received_at"]),
            consent_version=data["consent_version"],
            form_data=data["form_data"],
            service_page_id=data["service_page_id"],
            language=data.get("language", "en"),  # held before requests had a language
        )


def held_from_form(page, form, intake_key, received_at=None):
    """A valid booking form, as a request to hold (intake_key: the one its INSERT used)."""
    service = form.service_page
    return HeldRequest(
        reference=new_reference(),
        intake_key=str(intake_key),
        page_id=page.pk,
        received_at=received_at or timezone.now(),
        consent_version=form.consent_version,
        # Through JSON now, so what is stored later reads exactly as a stored request does.
        form_data=json.loads(json.dumps(form.submission_data(), cls=DjangoJSONEncoder)),
        service_page_id=service.pk if service else None,
        language=translation.get_language() or "en",
    )


def path_for(reference):
    return spool_dir() / f"{reference}{SUFFIX}"


def hold(held):
    """Write the request to the spool, encrypted; raises SpoolUnavailable if it cannot."""
    try:
        write_atomically(path_for(held.reference), encrypt(held.to_json()).encode())
    except OSError as error:
        logger.error("Could not hold a booking request in %s: %s", spool_dir(), error.strerror)
        raise SpoolUnavailable from error
    logger.warning("Booking request %s held in the spool: the database is down", held.reference)
    return held


def held_paths():
    """The held requests' files (each keeps its own arrival time, so the order is no matter)."""
    try:
        return sorted(path for path in spool_dir().glob(f"*{SUFFIX}") if path.is_file())
    except OSError:
        return []


def read(path):
    """The held request in `path`; raises InvalidToken when no key opens it."""
    return HeldRequest.from_json(decrypt(path.read_text()))
