"""Storing the requests held during an outage, exactly once (booking/held_requests.py).

For each held file: if a request with its reference (or its intake key: the connection died
during a COMMIT that went through) is stored already, the file is only removed; otherwise the
request is stored in one transaction with its original arrival time, consent and reference,
its reply due counted from its arrival, and the managers are emailed after the commit, as for
any request (booking/notify.py: no answers in the email). The file is removed only after the
commit: a crash in between leaves a file whose request the next run finds stored.
"""

import logging
from dataclasses import dataclass, field

from cryptography.fernet import InvalidToken
from django.db import IntegrityError, transaction
from django.db.models import Q
from wagtail.models import Page

from . import held_requests, notify
from .models import BookingFormPage, BookingSubmission

logger = logging.getLogger("booking")


@dataclass
class Outcome:
    stored: list = field(default_factory=list)
    already_stored: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def already_stored(held):
    found = BookingSubmission.objects.filter(
        Q(held_reference=held.reference) | Q(intake_key=held.intake_key)
    ).first()
    if found is not None and not found.held_reference:
        # Stored by a COMMIT whose answer was lost: the visitor was given the held reference.
        BookingSubmission.objects.filter(pk=found.pk).update(held_reference=held.reference)
    return found is not None


def booking_page(held):
    """The page it was sent through; the booking page as it is now if that one is gone."""
    return (
        BookingFormPage.objects.filter(pk=held.page_id).first()
        or BookingFormPage.objects.order_by("pk").first()
    )


def store(held):
    """Store one held request (in a transaction); False if it was stored already."""
    with transaction.atomic():
        if already_stored(held):
            return False
        page = booking_page(held)
        submission = BookingSubmission(
            form_data=held.form_data,
            page=page,
            consent_version=held.consent_version,
            consented_at=held.received_at,
            service_page=Page.objects.filter(pk=held.service_page_id).first()
            if held.service_page_id
            else None,
            submit_time=held.received_at,  # reply_due is counted from it in save()
            held_reference=held.reference,
            intake_key=held.intake_key,
            language=held.language,
        )
        submission.save()
        # submit_time is auto_now_add: saved as now by the INSERT, set back to the arrival.
        BookingSubmission.objects.filter(pk=submission.pk).update(submit_time=held.received_at)
        submission.submit_time = held.received_at
        transaction.on_commit(lambda: notify.send_notification(page, submission))
    return True


def store_held_requests():
    """Store every held request; returns what happened to each (by reference)."""
    outcome = Outcome()
    for path in held_requests.held_paths():
        try:
            held = held_requests.read(path)
        except (InvalidToken, ValueError, KeyError, OSError):
            # Kept: a key missing from FIELD_ENCRYPTION_KEYS would open it later.
            logger.error("A held booking request cannot be read: %s (kept)", path.name)
            outcome.failed.append(path.name)
            continue
        try:
            stored = store(held)
        except IntegrityError:
            stored = False  # another runner stored it a moment ago
        (outcome.stored if stored else outcome.already_stored).append(held.reference)
        path.unlink(missing_ok=True)  # only now: the request is in the database
    return outcome
