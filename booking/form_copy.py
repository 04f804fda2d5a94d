"""A copy of each live booking form, for taking a request while the database is down.

A POST to the booking page that arrives when PostgreSQL is already gone cannot route the page,
read its questions or the treatments on offer. So whatever the form needs is kept as an outage
copy (clinic/serving/outage_copies.py: the shared cache and a file in OUTAGE_COPY_DIR), one
entry per live booking page, by the path its form is posted to: its id and title, the
thank-you path, each editor's question as saved (type, label, hint, required, choices,
default, maximum length) and the live treatments (id, title). `copied_form_class` builds the
very form the page builds (BookingFormBuilder) from it, so a request is validated by the same
rules and held as the page would hold it (booking/held_posts.py). The consent text and its
version come from the code (booking/consent.py), as on the page itself: the text a visitor
agreed to and the version recorded always go together.

The copy is kept when it can change (after the commit): a booking page or a treatment page
published, unpublished, moved or deleted; and on a booking page view at most every
REFRESH_SECONDS per process, so a first view after a start, or a server whose own file missed
another server's publish, brings it up to date. It holds nothing private: what the form shows.
"""

import time
from dataclasses import dataclass
from types import SimpleNamespace

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from clinic.practice.services import service_pages
from clinic.serving import outage_copies

from .forms import BookingFormBuilder

COPY_NAME = "booking-forms"
REFRESH_SECONDS = 300
QUESTION_ATTRIBUTES = (
    "clean_name",
    "label",
    "field_type",
    "required",
    "choices",
    "default_value",
    "help_text",
    "max_length",
)

_last_kept = {"at": float("-inf")}


@dataclass
class CopiedPage:
    """What the outage pages and the spool need of a booking page: its id and its title."""

    pk: int
    title: str
    path: str
    thank_you_path: str
    questions: list
    services: list


def booking_page_model():
    return apps.get_model("booking", "BookingFormPage")  # the models use this module


def page_copy(page, services):
    """One live booking page's entry, or None when it has no address (not routable)."""
    parts = page.get_url_parts()
    if parts is None:
        return None
    path = parts[2]
    return {
        "page_id": page.pk,
        "title": page.title,
        "path": path,
        "thank_you_path": path + page.reverse_subpage("thank_you").lstrip("/"),
        "questions": [
            {name: getattr(question, name, None) for name in QUESTION_ATTRIBUTES}
            for question in page.get_form_fields()
        ],
        "services": services,
    }


def current_copy():
    """Every live booking page's entry, keyed by the path its form is posted to."""
    services = [[page.pk, page.title] for page in service_pages()]
    forms = {}
    for page in booking_page_model().objects.live().order_by("path"):
        entry = page_copy(page, services)
        if entry is not None:
            forms[entry["path"]] = entry
    return {"forms": forms}


def keep_form_copy():
    """Keep the copy as the database has it now (written only when it changed)."""
    outage_copies.keep(COPY_NAME, current_copy())
    _last_kept["at"] = time.monotonic()


def keep_now_and_then():
    """From a booking page view: keep the copy unless this process did a while ago."""
    if time.monotonic() - _last_kept["at"] >= REFRESH_SECONDS:
        keep_form_copy()


def forget_kept():
    """For tests: the next view keeps the copy again."""
    _last_kept["at"] = float("-inf")


def copied_page(path):
    """The copied booking page posted to at `path`, or None (no copy, or not a booking page)."""
    copy = outage_copies.read(COPY_NAME) or {}
    entry = (copy.get("forms") or {}).get(path)
    if not entry:
        return None
    return CopiedPage(
        pk=entry["page_id"],
        title=entry["title"],
        path=entry["path"],
        thank_you_path=entry["thank_you_path"],
        questions=entry["questions"],
        services=entry["services"],
    )


def thank_you_page(path):
    """The copied booking page whose thank-you page is at `path`, or None."""
    copy = outage_copies.read(COPY_NAME) or {}
    for entry in (copy.get("forms") or {}).values():
        if entry.get("thank_you_path") == path:
            return copied_page(entry["path"])
    return None


def copied_form_class(page):
    """The booking form the page would build, from the copy: no query."""
    questions = [SimpleNamespace(**question) for question in page.questions]
    services = [SimpleNamespace(pk=pk, title=title) for pk, title in page.services]
    return BookingFormBuilder(questions, service_pages=services).get_form_class()


# Keeping the copy when what it holds changes -------------------------------------------------


def holds(page):
    """Whether the copy shows this page: a booking page, or a treatment on offer."""
    model = getattr(page, "specific_class", None) or type(page)
    return issubclass(model, booking_page_model()) or getattr(model, "bookable_service", False)


def on_page_changed(sender, instance=None, **kwargs):
    if instance is not None and holds(instance):
        transaction.on_commit(keep_form_copy)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        on_page_changed(sender, instance)


def connect():
    page_published.connect(on_page_changed, dispatch_uid="booking_form_copy_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="booking_form_copy_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="booking_form_copy_moved")
    post_delete.connect(on_deleted, dispatch_uid="booking_form_copy_deleted")
