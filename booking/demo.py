"""Demo content for the booking app: the "Book a consultation" page and its questions.

The words and questions are in content/book-a-consultation.md. Runs first among the demo
sections, so the treatment pages and the home page can link to it through
ClinicSettings.booking_page.
"""

from wagtail.models import Site

from clinic.models import ClinicSettings

from .models import BookingFormField, BookingFormPage

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
