"""Demo content for the home app: clinic settings, people, and the plain pages.

Everything here describes a fictional clinic and fictional people.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from clinic.demo import get_or_create_child, get_or_create_picture, heading, paragraph
from clinic.groups import BOOKING_MANAGERS, CLINICAL_REVIEWERS, CLINICIANS
from clinic.models import ClinicSettings, Person

from .models import CrisisHelpPage, HomePage, StandardPage

DEMO_PASSWORD = "northbridge-demo"  # noqa: S105 (development demo accounts only)
DEMO_ACCOUNTS = [
    # username, full name, group (None: superuser)
    ("admin", "Site Administrator", None),
    ("clinician", "Casey Clinician", CLINICIANS),
    ("reviewer", "Robin Reviewer", CLINICAL_REVIEWERS),
    ("manager", "Morgan Manager", BOOKING_MANAGERS),
]

PEOPLE = [
    {
        "name": "Dr. Amara Okafor",
        "credentials": "MD, board-certified psychiatrist",
        "role": "Medical director",
        "bio": "Dr. Okafor leads the clinic's medical team and reviews every treatment page. "
        "She has worked in mood disorders for fifteen years.",
    },
    {
        "name": "Dr. Lena Whitfield",
        "credentials": "MD, anaesthesiologist",
        "role": "Infusion lead",
        "bio": "Dr. Whitfield oversees monitoring during every infusion session.",
    },
    {
        "name": "Jonah Reyes",
        "credentials": "PsyD, licensed clinical psychologist",
        "role": "Lead therapist, ketamine-assisted psychotherapy",
        "bio": "Jonah guides preparation and integration sessions and trains the clinic's "
        "therapists in trauma-informed care.",
    },
    {
        "name": "Priya Natarajan",
        "credentials": "LMFT, EMDR-certified therapist",
        "role": "Therapist",
        "bio": "Priya works with people living with trauma and dissociation, and writes "
        "about integration for the clinic's articles.",
    },
]

CRISIS_LINES = [
    {
        "name": "Emergency services",
        "description": "If you or someone else is in immediate danger, call 911.",
        "phone": "911",
        "sms": "",
        "url": "",
        "emergency": True,
    },
    {
        "name": "988 Suicide & Crisis Lifeline",
        "description": "Call or text 988, or chat online. Free and confidential, 24 hours a day.",
        "phone": "988",
        "sms": "988",
        "url": "https://988lifeline.org/",
        "emergency": False,
    },
]

OPENING_HOURS = [
    {
        "label": "Monday to Friday",
        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        "opens": datetime.time(8, 30),
        "closes": datetime.time(18, 0),
    },
    {
        "label": "Saturday",
        "days": ["Saturday"],
        "opens": datetime.time(9),
        "closes": datetime.time(13),
    },
]


STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About the clinic",
        "show_in_menus": True,
        "intro": "A small team of psychiatrists, anaesthetists and therapists who offer "
        "ketamine treatment with careful assessment and close monitoring.",
        "body": [
            heading("Who we are"),
            paragraph(
                "<p>Northbridge Mind Clinic is a fictional outpatient clinic. We see adults "
                "whose depression has not lifted after other treatments.</p>"
                "<p>Every person starts with an assessment by a psychiatrist. Together you "
                "decide whether ketamine treatment is worth trying, and what else should "
                "be part of your care.</p>"
            ),
            heading("How we work"),
            paragraph(
                "<ul><li>A doctor or nurse watches you during every session.</li>"
                "<li>We keep in touch with your own doctor or therapist, with your consent.</li>"
                "<li>We tell you plainly what is known, what is not, and what it costs.</li></ul>"
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "show_in_menus": True,
        "intro": "How to reach the clinic. We answer messages during opening hours only.",
        "body": [
            paragraph(
                "<p>Call us during opening hours, or send a consultation request and we "
                "will get back to you within two working days.</p>"
                "<p><b>We do not monitor messages around the clock.</b> If you need help "
                "now, use the urgent help numbers at the top of every page.</p>"
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "show_in_menus": False,
        "intro": "What we collect through this website, why, and how long we keep it.",
        "body": [
            heading("What this website collects"),
            paragraph(
                "<p>When you ask for a consultation, we store the details you give us so "
                "that our team can contact you. We ask for as little as we can.</p>"
                "<p>This website does not use advertising, analytics or tracking tools, and "
                "it loads nothing from other companies.</p>"
            ),
            heading("Who can see it"),
            paragraph(
                "<p>Only the clinic staff who arrange consultations can read your request. "
                "We never send its contents by email.</p>"
            ),
            heading("How long we keep it"),
            paragraph(
                "<p>We delete website requests after twelve months. Clinical records are "
                "kept separately, as the law requires.</p>"
            ),
        ],
    },
]


def load():
    """The clinic's settings, people, home and crisis pages. Creates only what is missing."""
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.first()
    if not home.intro:
        home.hero_image = get_or_create_picture(
            "Early light over still water, abstract",
            (221, 236, 232),
            (247, 242, 232),
            (186, 213, 204),
            "home-hero.jpg",
        )
        home.intro = (
            "<p>We help adults whose depression has not improved with other treatments. "
            "Every course starts with a careful assessment, and every session is medically "
            "monitored.</p>"
        )
        home.save_revision().publish()
    site.root_page = home
    site.site_name = "Northbridge Mind Clinic"
    site.hostname = "localhost"
    site.save()

    for data in PEOPLE:
        Person.objects.get_or_create(name=data["name"], defaults=data)

    crisis_page = get_or_create_child(
        home,
        CrisisHelpPage,
        slug="crisis-help",
        title="Need help now?",
        show_in_menus=False,
        intro=(
            "<p>If you are thinking about suicide, or you are worried about someone, "
            "you can get help right now, day or night.</p>"
        ),
        body=[
            heading("If you are a patient of the clinic"),
            paragraph(
                "<p>Our phones are answered during opening hours only. Outside them, "
                "please use the numbers above. They are free and open 24 hours a day.</p>"
            ),
        ],
    )

    clinic = ClinicSettings.for_site(site)
    if not clinic.crisis_lines:
        fill_clinic_settings(clinic, crisis_page)

    if getattr(settings, "DEMO_ACCOUNTS", False):
        create_demo_accounts()
    return home


def load_pages(home):
    """About, contact and privacy: loaded last, so the menu lists the treatments first."""
    for data in STANDARD_PAGES:
        get_or_create_child(home, StandardPage, **data)


def fill_clinic_settings(clinic, crisis_page):
    clinic.name = "Northbridge Mind Clinic"
    clinic.tagline = (
        "Careful, evidence-informed ketamine therapy for depression that has not lifted."
    )
    clinic.phone = "(555) 010-0140"
    clinic.email = "hello@northbridge-clinic.example"
    clinic.street_address = "120 Harbor Street, Suite 4"
    clinic.locality = "Portsmouth"
    clinic.region = "NH"
    clinic.postal_code = "03801"
    clinic.country = "US"
    clinic.opening_hours = [("hours", hours) for hours in OPENING_HOURS]
    clinic.crisis_lines = [("line", line) for line in CRISIS_LINES]
    clinic.crisis_page = crisis_page
    clinic.save()


def create_demo_accounts():
    """Sign-in accounts for each role: development only, never under production settings."""
    User = get_user_model()
    for username, full_name, group_name in DEMO_ACCOUNTS:
        first, last = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = group_name is None
        user.is_superuser = group_name is None
        user.save()
        if group_name:
            user.groups.set([Group.objects.get(name=group_name)])
