"""Who the clinic is and how to reach it: the ClinicSettings every page reads (name,
addresses, crisis lines, opening hours, closed days, the reply promise). The tagline and the
crisis lines have Spanish versions for Spanish pages (clinic.practice.spanish)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from clinic.blocks.clinic_settings import ClosedDayBlock, CrisisLineBlock, OpeningHoursBlock
from clinic.practice.spanish import shown
from clinic.practice.working_days import clinic_reply_due, closed_dates
from clinic.serving import database_down, language, outage_copies, pagecache


def details_panel(field_name):
    """A field of the clinic's details: only for administrators (see ClinicSettings.panels)."""
    return FieldPanel(field_name, permission="clinic.change_clinic_details")


def page_link(help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def clinic_schema_id(home_url):
    """The @id of the clinic's MedicalClinic (on the home page's JSON-LD): other objects, such
    as a clinician's profile (worksFor), point at it instead of repeating it."""
    return f"{home_url}#clinic"


def booking_url(chosen=None, request=None):
    """A page's own choice of booking page when it is live, else the clinic's booking page."""
    if chosen is not None and chosen.live:
        return chosen.get_url(request)
    clinic = ClinicSettings.for_request(request) if request else ClinicSettings.load()
    return clinic.booking_url


def linked_page_url(field_name):
    return property(lambda settings: settings._page_url(getattr(settings, field_name)))


def copied_lines(lines):
    """Crisis lines as plain data, for the copy kept for outages."""
    return [
        {key: value or "" for key, value in line.value.items()}
        | {"emergency": bool(line.value.get("emergency"))}
        for line in lines
    ]


@register_setting(icon="home")
class ClinicSettings(BaseSiteSetting):
    """Who the clinic is and how to reach it; shown in the header, footer and crisis help."""

    select_related = [
        "share_image",
        "crisis_page",
        "booking_page",
        "team_page",
        "editorial_policy_page",
        "fees_page",
        "accessibility_page",
        "self_check_page",
        "language_assistance_page",
    ]

    name = models.CharField(max_length=100, default="Northbridge Mind Clinic")
    tagline = models.CharField(
        max_length=160,
        default="Careful, evidence-informed ketamine therapy for depression that has not lifted.",
    )
    phone = models.CharField(
        max_length=30, blank=True, help_text="Main number, e.g. (555) 010-0140"
    )
    email = models.EmailField(blank=True)
    street_address = models.CharField(max_length=120, blank=True)
    locality = models.CharField("town or city", max_length=80, blank=True)
    region = models.CharField("state", max_length=40, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US", help_text="Two-letter country code.")
    opening_hours = StreamField([("hours", OpeningHoursBlock())], blank=True)
    crisis_lines = StreamField(
        [("line", CrisisLineBlock())],
        blank=True,
        help_text="Shown on the crisis-help page, the booking form and wherever a crisis block is.",
    )
    # Spanish pages show these instead of the English, when filled (clinic.practice.spanish).
    tagline_es = models.CharField(
        "tagline in Spanish",
        max_length=160,
        blank=True,
        help_text="Shown on Spanish pages; leave empty to show the English tagline.",
    )
    crisis_lines_es = StreamField(
        [("line", CrisisLineBlock())],
        blank=True,
        verbose_name="crisis lines in Spanish",
        help_text="Shown on Spanish pages; leave empty to show the English lines. Give every "
        "line the English list has, e.g. 911, and the 988 Lifeline's Spanish options (call "
        "988 and press 2, text AYUDA to 988).",
    )
    crisis_page = page_link("The page the 'Need help now?' link on every page goes to.")
    booking_page = page_link("Where every 'Book a consultation' button goes.")
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page without a picture of its own is shared (1200 × 630 works "
        "best). Give the image a description: it is the picture's alt text.",
    )
    team_page = page_link("Our team: the clinicians' profiles are at its address + their slug.")
    editorial_policy_page = page_link("How we write and review: linked from every review line.")
    fees_page = page_link("Fees and insurance, with the Good Faith Estimate notice.")
    accessibility_page = page_link("The accessibility statement, linked from the footer.")
    self_check_page = page_link(
        "The private mood self-check, linked from the treatment pages and the booking page."
    )
    language_assistance_page = page_link(
        "The notice of nondiscrimination and free language help, linked from the footer. It "
        "shows every language tagline (Snippets, Language taglines) below its text."
    )
    reply_working_days = models.PositiveSmallIntegerField(
        "working days to reply",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="How many working days the clinic promises for a first reply to a "
        "consultation request. The booking page, its thank-you page and the managers' queue "
        "all use this number.",
    )
    closed_days = StreamField(
        [("day", ClosedDayBlock())],
        blank=True,
        help_text="Weekdays the clinic is closed, e.g. public holidays: they do not count as "
        "working days. Working days are Monday to Friday, even when the clinic opens on "
        "Saturday: replying to requests is a weekday staff task.",
    )

    # Booking managers may change the settings, but see only the reply promise and closed
    # days; the rest is for administrators (no group holds change_clinic_details). A field
    # a user may not change is left out of their form, so saving it keeps its value.
    panels = [
        MultiFieldPanel([details_panel("name"), details_panel("tagline")], heading="Clinic"),
        MultiFieldPanel(
            [
                FieldRowPanel([details_panel("phone"), details_panel("email")]),
                details_panel("street_address"),
                FieldRowPanel([details_panel("locality"), details_panel("region")]),
                FieldRowPanel([details_panel("postal_code"), details_panel("country")]),
            ],
            heading="Contact",
        ),
        details_panel("opening_hours"),
        details_panel("crisis_lines"),
        details_panel("share_image"),
        MultiFieldPanel(
            [details_panel("tagline_es"), details_panel("crisis_lines_es")],
            heading="Spanish",
        ),
        MultiFieldPanel(
            [
                details_panel(name)
                for name in (
                    "crisis_page",
                    "booking_page",
                    "team_page",
                    "editorial_policy_page",
                    "fees_page",
                    "accessibility_page",
                    "self_check_page",
                    "language_assistance_page",
                )
            ],
            heading="Links",
        ),
        MultiFieldPanel(
            [FieldPanel("reply_working_days"), FieldPanel("closed_days")],
            heading="Replies to consultation requests",
        ),
    ]

    class Meta:
        verbose_name = "clinic settings"
        permissions = [
            ("change_clinic_details", "Can change the clinic's details, hours and crisis lines")
        ]

    @classmethod
    def for_request(cls, request):
        """The site's settings, read once per change and shared by every page view
        (clinic.serving.pagecache.remember); the admin edits them through for_site, uncached."""
        attr = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if site is not None and not hasattr(request, attr):
            shared = pagecache.remember(
                f"clinic-settings:{site.pk}", lambda: cls.for_site(site), every_page=True
            )
            shared._request = request  # for page URLs, as Wagtail does
            setattr(request, attr, shared)
            shared.keep_contact_copy()  # written only when it changed (e.g. at start)
        return super().for_request(request)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        transaction.on_commit(self.keep_contact_copy)

    def contact_copy(self):
        """What the pages shown while the database is down need: the phone, the crisis lines
        in both languages and the reply promise (clinic/serving/database_down.py)."""
        return {
            "name": self.name,
            "phone": self.phone,
            "crisis_lines": copied_lines(self.crisis_lines),
            "crisis_lines_es": copied_lines(self.crisis_lines_es),
            "reply_working_days": self.reply_working_days,
            "closed_days": sorted(day.isoformat() for day in closed_dates(self)),
        }

    def keep_contact_copy(self):
        outage_copies.keep(database_down.CONTACT_COPY, self.contact_copy())

    # The live address of each linked page, or "" (templates show the link only then).
    crisis_url = linked_page_url("crisis_page")
    booking_url = linked_page_url("booking_page")
    team_url = linked_page_url("team_page")
    editorial_policy_url = linked_page_url("editorial_policy_page")
    fees_url = linked_page_url("fees_page")
    accessibility_url = linked_page_url("accessibility_page")
    self_check_url = linked_page_url("self_check_page")
    language_assistance_url = linked_page_url("language_assistance_page")

    def _page_url(self, page):
        # A generic Page knows its URL from url_path: no query for the specific page. On a
        # Spanish page, the linked page's live Spanish translation when it has one.
        if page is None or not page.live:
            return ""
        return language.translated(page).get_url(getattr(self, "_request", None)) or ""

    def reply_due(self, received_at):
        """When the first reply to a request received at `received_at` is due
        (clinic.practice.working_days states the rule)."""
        return clinic_reply_due(self, received_at)

    # What visitors read, in the page's language: the Spanish version on Spanish pages when
    # it is filled, else the English (clinic.practice.spanish). Templates read these.
    @property
    def tagline_shown(self):
        return shown(self.tagline, self.tagline_es)

    @property
    def crisis_lines_shown(self):
        return shown(self.crisis_lines, self.crisis_lines_es)

    @property
    def opening_hours_shown(self):
        """The opening hours, each with its label in the page's language."""
        return [
            {
                "value": {
                    **block.value,
                    "label": shown(block.value["label"], block.value.get("label_es")),
                }
            }
            for block in self.opening_hours
        ]

    @property
    def emergency_lines(self):
        return [line.value for line in self.crisis_lines_shown if line.value.get("emergency")]

    @property
    def support_lines(self):
        return [line.value for line in self.crisis_lines_shown if not line.value.get("emergency")]

    def as_medical_clinic(self, url):
        """schema.org MedicalClinic for the home page's JSON-LD."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalClinic",
            "@id": clinic_schema_id(url),
            "name": self.name,
            "description": self.tagline_shown,
            "url": url,
            "medicalSpecialty": "Psychiatric",
        }
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        if self.street_address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "addressLocality": self.locality,
                "addressRegion": self.region,
                "postalCode": self.postal_code,
                "addressCountry": self.country,
            }
        hours = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": list(block.value["days"]),
                "opens": block.value["opens"].strftime("%H:%M"),
                "closes": block.value["closes"].strftime("%H:%M"),
            }
            for block in self.opening_hours
        ]
        if hours:
            data["openingHoursSpecification"] = hours
        return data

    @property
    def one_line_address(self):
        parts = [self.street_address, self.locality, f"{self.region} {self.postal_code}".strip()]
        return ", ".join(part for part in parts if part)
