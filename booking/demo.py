"""Demo content for the booking app: the "Book a consultation" page and its questions.

Runs first among the demo sections, so the treatment pages and the home page can
link to it through ClinicSettings.booking_page.
"""

from wagtail.models import Site

from clinic.demo import get_or_create_child
from clinic.models import ClinicSettings

from .models import BookingFormField, BookingFormPage

SLUG = "book-a-consultation"

QUESTIONS = [
    {
        "label": "Which days and times suit you?",
        "field_type": "checkboxes",
        "required": True,
        "choices": "Weekday mornings\nWeekday afternoons\nWeekday evenings\nSaturday mornings",
        "help_text": "Choose all that apply. We will offer a time that fits.",
    },
    {
        "label": "Which service are you interested in?",
        "field_type": "radio",
        "required": True,
        "choices": "Ketamine infusion\nKetamine-assisted psychotherapy (KAP)\n"
        "Esketamine nasal spray\nNot sure yet",
        "help_text": "",
    },
    {
        "label": "How did you hear about the clinic?",
        "field_type": "dropdown",
        "required": False,
        "choices": "My doctor or therapist\nA friend or family member\nA web search\n"
        "An article or podcast\nSomewhere else",
        "help_text": "",
    },
    {
        "label": "Anything you would like us to know before we call?",
        "field_type": "multiline",
        "required": False,
        "choices": "",
        "help_text": "Optional, at most 1,000 characters. Please do not include detailed "
        "medical history: we will ask about your health at the assessment.",
        "max_length": 1000,
    },
    {
        "label": "I confirm that I am 18 or over",
        "field_type": "checkbox",
        "required": True,
        "choices": "",
        "help_text": "The clinic treats adults only.",
    },
]

INTRO = (
    "<p>Tell us a little about yourself and how to reach you. A member of our team will "
    "contact you within two working days to arrange an assessment with a psychiatrist, who "
    "will talk through whether ketamine treatment could be right for you.</p>"
    "<p>There is no charge for this first call, and asking does not commit you to anything.</p>"
)

THANK_YOU = (
    "<p>We have your request. Someone from our team will contact you within two working "
    "days, by the method you chose.</p>"
    "<p>If you do not hear from us, please call the clinic during opening hours.</p>"
)


def load(home_page):
    """Create the booking page once and point every 'Book a consultation' link at it."""
    page = get_or_create_child(
        home_page,
        BookingFormPage,
        slug=SLUG,
        title="Book a consultation",
        intro=INTRO,
        thank_you_text=THANK_YOU,
        to_address="bookings@northbridge-clinic.example",
        subject="New consultation request",
        show_in_menus=False,
        search_description="Ask for a first call about ketamine treatment at "
        "Northbridge Mind Clinic.",
        form_fields=[
            BookingFormField(sort_order=sort_order, **question)
            for sort_order, question in enumerate(QUESTIONS)
        ],
    )

    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.for_site(site)
    if clinic.booking_page_id != page.pk:
        clinic.booking_page = page
        clinic.save()
    return page
