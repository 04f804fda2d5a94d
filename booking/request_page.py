"""One booking request as a manager works it: answers, status and owner, notes, history.

Every opening of the page and every change is in the audit log (Wagtail's ModelLogEntry,
labelled with the reference only). Status and owner carry the version the manager saw, so a
change made by someone else in the meantime is reported instead of silently overwritten.
"""

import datetime
import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from wagtail import log_actions
from wagtail.models import ModelLogEntry

from . import queue, self_check
from .consent import CONSENT_VERSIONS
from .export import text
from .models import (
    DELETE_PERMISSION,
    VIEW_PERMISSION,
    BookingNote,
    BookingSubmission,
    booking_managers,
)
from .queue import NOTE_MAX_LENGTH, Status, display_name

logger = logging.getLogger("booking")

CHANGE_PERMISSION = "booking.change_bookingsubmission"
QUEUE_ACTIONS = ("booking.status", "booking.owner")


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


class ManagerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return display_name(user)


class QueueForm(forms.Form):
    """Status and owner, with the version of the request the manager was looking at."""

    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={"invalid_choice": "Choose one of the statuses in the list."},
    )
    owner = ManagerChoiceField(
        queryset=booking_managers(),
        required=False,
        empty_label="Nobody",
        error_messages={"invalid_choice": "Choose a Booking manager from the list, or Nobody."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, current_owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Someone who has left the managers still shows as owner until the request moves on.
        if current_owner is not None:
            others = type(current_owner).objects.filter(pk=current_owner.pk)
            self.fields["owner"].queryset = (booking_managers() | others).distinct()


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        widget=forms.Textarea(attrs={"rows": 4}),
        # No maxlength attribute: a browser would cut a pasted note short without a word.
        help_text=f"For the team only. Up to {NOTE_MAX_LENGTH:,} characters.",
        error_messages={"required": "Write the note before adding it."},
    )

    def clean_text(self):
        value = self.cleaned_data["text"]
        if len(value) > NOTE_MAX_LENGTH:
            raise forms.ValidationError(
                f"A note can be at most {NOTE_MAX_LENGTH:,} characters; this one has "
                f"{len(value):,}. Nothing was saved: shorten it, or split it into two notes."
            )
        return value


def change_queue(request, submission, form):
    """Save a new status or owner if nobody changed the request since the form was shown."""
    new_status, new_owner = form.cleaned_data["status"], form.cleaned_data["owner"]
    if new_status == submission.status and new_owner == submission.owner:
        messages.info(request, f"{submission.reference}: nothing changed.")
        return
    with transaction.atomic():
        updated = BookingSubmission.objects.filter(
            pk=submission.pk, version=form.cleaned_data["version"]
        ).update(status=new_status, owner=new_owner, version=models.F("version") + 1)
        if not updated:
            messages.error(request, stale_message(submission))
            return
        log = {"instance": submission, "user": request.user}
        if new_status != submission.status:
            data = {"from": submission.get_status_display(), "to": Status(new_status).label}
            log_actions.log(action="booking.status", data=data, **log)
        if new_owner != submission.owner:
            data = {"from": display_name(submission.owner), "to": display_name(new_owner)}
            log_actions.log(action="booking.owner", data=data, **log)
    messages.success(request, f"{submission.reference} updated.")


def stale_message(submission):
    """What the second of two managers reads: who changed it, and what it is now."""
    fresh = BookingSubmission.objects.select_related("owner").get(pk=submission.pk)
    latest = history(fresh).filter(action__in=QUEUE_ACTIONS).first()
    by = f" by {latest.user_display_name} at {clock(latest.timestamp)}" if latest else ""
    return (
        f"{fresh.reference} was changed{by} while you had it open: it is now "
        f"“{fresh.get_status_display()}”, owner {display_name(fresh.owner) or 'nobody'}. "
        "Your change was not saved. Check the request below and choose again."
    )


def clock(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def history(submission):
    return ModelLogEntry.objects.for_instance(submission).select_related("user")


def answers(submission):
    """(label, text) for every question the form asked, in the form's order (a self-check
    result the visitor sent has a section of its own: `self_check_sent`)."""
    fields = submission.page.specific.get_data_fields()
    data = submission.get_data()
    return [
        (label, shown(data.get(name)))
        for name, label in fields
        if name != "submit_time" and name not in self_check.STORED_KEYS
    ]


def self_check_sent(submission):
    """The self-check result the visitor chose to send, each value as text; None if none."""
    sent = self_check.sent(submission.form_data)
    if sent is not None:
        sent["values"] = [(label, shown(value)) for label, value in sent["values"]]
    return sent


def shown(value):
    return clock(value) if isinstance(value, datetime.datetime) else text(value)


@never_cache
def request_page(request, pk):
    require(request.user, VIEW_PERMISSION)
    submission = get_object_or_404(
        BookingSubmission.objects.select_related("page", "owner", "service_page"), pk=pk
    )
    queue_form = note_form = None
    if request.method == "POST":
        require(request.user, CHANGE_PERMISSION)
        if "text" in request.POST:
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                add_note(request, submission, note_form.cleaned_data["text"])
                return redirect("booking_requests:request", pk)
        else:
            queue_form = QueueForm(request.POST, current_owner=submission.owner)
            if queue_form.is_valid():
                change_queue(request, submission, queue_form)
                return redirect("booking_requests:request", pk)
    else:
        log_actions.log(submission, "booking.view", user=request.user)
        if submission.answers_unreadable:
            logger.error(
                "Booking request %s: its answers cannot be decrypted.", submission.reference
            )
    return render_request_page(request, submission, queue_form, note_form)


def add_note(request, submission, text):
    with transaction.atomic():
        BookingNote.objects.create(submission=submission, author=request.user, text=text)
        log_actions.log(submission, "booking.note", user=request.user)
    messages.success(request, f"Note added to {submission.reference}.")


def render_request_page(request, submission, queue_form, note_form):
    entries = list(history(submission))
    now = timezone.now()
    initial = {
        "status": submission.status,
        "owner": submission.owner,
        "version": submission.version,
    }
    context = {
        "submission": submission,
        "contact": submission.form_data,
        "service": queue.service_title(submission),
        "answers": answers(submission),
        "self_check": self_check_sent(submission),
        "consent_text": CONSENT_VERSIONS.get(submission.consent_version, ""),
        "due_in_words": queue.due_in_words(submission.reply_due, now),
        "overdue": queue.is_overdue(submission.status, submission.reply_due, now),
        "queue_form": queue_form or QueueForm(initial=initial, current_owner=submission.owner),
        "note_form": note_form or NoteForm(),
        "notes": submission.notes.select_related("author"),
        "changes": [entry for entry in entries if entry.action != "booking.view"],
        "views": [entry for entry in entries if entry.action == "booking.view"],
        "can_change": request.user.has_perm(CHANGE_PERMISSION),
        "can_delete": request.user.has_perm(DELETE_PERMISSION),
        "inbox_url": reverse("booking_requests:index"),
    }
    return TemplateResponse(request, "booking/admin/request_page.html", context)


@never_cache
def delete_request(request, pk):
    """Ask first, naming the request; delete for good; keep in the audit log who did it."""
    require(request.user, DELETE_PERMISSION)
    submission = get_object_or_404(BookingSubmission.objects.select_related("page"), pk=pk)
    if request.method == "POST":
        reference = submission.reference
        with transaction.atomic():
            # The log entry outlives the request: the reference and who, never the answers.
            log_actions.log(submission, "wagtail.delete", user=request.user)
            submission.delete()
        messages.success(request, f"{reference} was deleted permanently.")
        return redirect("booking_requests:index")
    return TemplateResponse(
        request,
        "booking/admin/delete_request.html",
        {"submission": submission, "received": clock(submission.submit_time)},
    )
