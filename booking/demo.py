"""Demo content for the booking app: the "Book a consultation" page and its questions, and
on a development demo site, a few fictional requests for the managers' inbox.

The words and questions are in content/book-a-consultation.md. Runs first among the demo
sections, so the treatment pages and the home page can link to it through
ClinicSettings.booking_page.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from clinic.documents import DocumentError
from clinic.practice.details import ClinicSettings
from clinic.practice.services import NOT_SURE_LABEL, service_pages

from .consent import CURRENT_CONSENT_VERSION
from .forms import SERVICE_FIELD
from .models import BookingFormField, BookingFormPage, BookingNote, BookingSubmission
from .queue import Status

SLUG = "book-a-consultation"
PAGE_FIELDS = {"title", "description", "to_address", "subject", "thank_you", "questions"}
QUESTION_FIELDS = {"label", "field_type", "required", "choices", "help_text", "max_length"}


def load(content, home_page):
    """Create the booking page once and point every 'Book a consultation' link at it."""
    doc = content.document(SLUG)
    doc.check_keys(PAGE_FIELDS)
    page = content.page(
        home_page,
        BookingFormPage,
        doc,
        intro="".join(str(value) for _, value in content.body(doc)),
        thank_you_text=doc.html("thank_you"),
        to_address=doc.require("to_address"),
        subject=doc.require("subject"),
        show_in_menus=False,
        search_description=doc.meta.get("description", ""),
        form_fields=[
            BookingFormField(sort_order=order, **question(doc, data))
            for order, data in enumerate(doc.require("questions"))
        ],
    )

    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.for_site(site)
    if clinic.booking_page_id != page.pk:
        clinic.booking_page = page
        clinic.save()
    return page


def question(doc, data):
    """One question of the form; choices are written as a list, one per line."""
    unknown = set(data) - QUESTION_FIELDS
    if unknown or "label" not in data or "field_type" not in data:
        problem = f"unknown field '{unknown.pop()}'" if unknown else "needs a label and field_type"
        raise doc.error(doc.line_of("questions"), f"a question {problem}")
    return {**data, "choices": "\n".join(data.get("choices", []))}


REQUEST_FIELDS = {"name", "email", "phone", "contact", "treatment", "arrived", "status"}
REQUEST_FIELDS |= {"owner", "answers", "notes"}
DEMO_NOT_SURE = "not sure"


def load_requests(content, page):
    """The demo inbox (content/booking-requests.yaml), into an empty inbox only."""
    if BookingSubmission.objects.exists():
        return
    now = timezone.now()
    labels = {field.label: field.clean_name for field in page.form_fields.all()}
    for data in content.records("booking-requests.yaml", REQUEST_FIELDS, required=("name",)):
        submission = demo_request(content, page, data, labels, now)
        owner = submission.owner
        for hours, text in enumerate(data.get("notes", []), start=1):
            when = submission.submit_time + datetime.timedelta(hours=hours)
            BookingNote.objects.create(
                submission=submission, author=owner, text=text, created_at=when
            )


def demo_request(content, page, data, labels, now):
    where = "content/booking-requests.yaml"
    unknown = set(data.get("answers", {})) - set(labels)
    if unknown:
        raise DocumentError(where, 1, f"no question labelled '{unknown.pop()}' on the form")
    treatment = None
    if data.get("treatment", DEMO_NOT_SURE) != DEMO_NOT_SURE:
        treatment = service_pages().filter(slug=data["treatment"]).first()
        if treatment is None:
            raise DocumentError(where, 1, f"no live treatment page '{data['treatment']}'")
    if data.get("status", Status.NEW) not in Status.values:
        raise DocumentError(where, 1, f"unknown status '{data['status']}'")
    answers = {labels[label]: value for label, value in data.get("answers", {}).items()}
    arrived = now - datetime.timedelta(hours=data.get("arrived", 1))
    submission = BookingSubmission.objects.create(
        page=page,
        form_data={
            "full_name": data["name"],
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "contact_method": data.get("contact", "Email"),
            SERVICE_FIELD: treatment.title if treatment else NOT_SURE_LABEL,
            "i_confirm_that_i_am_18_or_over": True,
            **answers,
        },
        consent_version=CURRENT_CONSENT_VERSION,
        consented_at=arrived,
        service_page=treatment,
        status=data.get("status", Status.NEW),
        owner=get_user_model().objects.filter(username=data.get("owner") or "").first(),
        reply_due=ClinicSettings.for_site(page.get_site()).reply_due(arrived),
    )
    # submit_time is set to "now" on creation; the demo request arrived earlier.
    BookingSubmission.objects.filter(pk=submission.pk).update(submit_time=arrived)
    submission.submit_time = arrived
    return submission
