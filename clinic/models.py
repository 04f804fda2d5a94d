"""Site-wide models: clinic settings, review dates and the medical disclaimer; the other
models of the app are imported at the end from their own modules."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site

from . import pagecache
from .blocks import ClosedDayBlock, CrisisLineBlock, OpeningHoursBlock
from .reviewed_content import CHANGED_SINCE_REVIEW, is_signed_off, writes_content
from .working_days import clinic_reply_due


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


def linked_page_url(field_name):
    return property(lambda settings: settings._page_url(getattr(settings, field_name)))


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
            [
                details_panel(name)
                for name in (
                    "crisis_page",
                    "booking_page",
                    "team_page",
                    "editorial_policy_page",
                    "fees_page",
                    "accessibility_page",
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
        (clinic.pagecache.remember); the admin edits them through for_site, uncached."""
        attr = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if site is not None and not hasattr(request, attr):
            shared = pagecache.remember(
                f"clinic-settings:{site.pk}", lambda: cls.for_site(site), every_page=True
            )
            shared._request = request  # for page URLs, as Wagtail does
            setattr(request, attr, shared)
        return super().for_request(request)

    # The live address of each linked page, or "" (templates show the link only then).
    crisis_url = linked_page_url("crisis_page")
    booking_url = linked_page_url("booking_page")
    team_url = linked_page_url("team_page")
    editorial_policy_url = linked_page_url("editorial_policy_page")
    fees_url = linked_page_url("fees_page")
    accessibility_url = linked_page_url("accessibility_page")

    def _page_url(self, page):
        # A generic Page knows its URL from url_path: no query for the specific page.
        if page is None or not page.live:
            return ""
        return page.get_url(getattr(self, "_request", None)) or ""

    def reply_due(self, received_at):
        """When the first reply to a request received at `received_at` is due
        (clinic.working_days states the rule)."""
        return clinic_reply_due(self, received_at)

    @property
    def emergency_lines(self):
        return [line.value for line in self.crisis_lines if line.value.get("emergency")]

    @property
    def support_lines(self):
        return [line.value for line in self.crisis_lines if not line.value.get("emergency")]

    def as_medical_clinic(self, url):
        """schema.org MedicalClinic for the home page's JSON-LD."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalClinic",
            "@id": clinic_schema_id(url),
            "name": self.name,
            "description": self.tagline,
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


NO_REVIEW = (
    "This page has no recorded clinical review, so it cannot go live. Submit it for review: "
    "a Clinical reviewer's approval records the review and publishes the page."
)


class ReviewMissing(ValidationError, PermissionDenied):
    """A health page went to be published without a recorded review.

    A ValidationError for code that saves; a PermissionDenied, so an admin view that publishes
    outside a form answers with a refusal instead of a server error.
    """


def a_year_after(date):
    """The same calendar date a year later (28 February for 29 February)."""
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return date.replace(year=date.year + 1, day=28)


class ReviewDatesMixin(models.Model):
    """Medical review metadata for health pages: shown at the page foot, reported when due."""

    last_reviewed = models.DateField("page last reviewed", null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="Twelve months after the last review when left blank."
    )
    reviewer = models.ForeignKey(
        "clinic.Person",
        verbose_name="medically reviewed by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="The SHA-256 of the content the last sign-off approved "
        "(clinic/reviewed_content.py).",
    )

    # Nobody types these: a Clinical reviewer's approval records them (clinic/signoff.py).
    review_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("last_reviewed", read_only=True),
                        FieldPanel("next_review_due", read_only=True),
                    ]
                ),
                FieldPanel("reviewer", read_only=True),
            ],
            heading="Medical review",
            help_text="Recorded when a Clinical reviewer approves the page in the Clinical "
            "review workflow. A page cannot go live without it.",
        )
    ]
    # Parts of the page its body must have before review (see clinic.blocks.missing_sections).
    required_sections = ()
    # What a reviewer signs off, and the page's other fields, which change without a review:
    # every field of a health page model is on one side (checked by clinic.checks).
    reviewed_fields = ("title",)
    unreviewed_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Refuse to write live content that no sign-off approved, whatever route publishes it
        (editor, bulk action, schedule, revert, copy, alias, command): clinic/reviewed_content."""
        if self.live and writes_content(self, kwargs.get("update_fields")):
            self.clean_review_dates()
            # As a dict, so the admin API's publish answers 400 with the message, not 500.
            if not self.has_review_metadata:
                raise ReviewMissing({NON_FIELD_ERRORS: [NO_REVIEW]})
            if not is_signed_off(self):
                raise ReviewMissing({NON_FIELD_ERRORS: [CHANGED_SINCE_REVIEW]})
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        try:
            super().full_clean(*args, **kwargs)
        except ReviewMissing:
            raise
        except ValidationError as error:
            # Django gathers every error in a plain ValidationError: keep ours recognisable.
            if NO_REVIEW in error.messages:
                raise ReviewMissing(error.error_dict) from error
            raise

    def clean(self):
        super().clean()
        self.clean_review_dates()
        # The editor's form makes its own check, worded for what the user is doing.
        deferred = getattr(self, "_review_checked_by_form", False)
        if self.live and not self.has_review_metadata and not deferred:
            raise ReviewMissing(NO_REVIEW)

    @property
    def has_review_metadata(self):
        return bool(self.last_reviewed and self.next_review_due and self.reviewer_id)

    def clean_review_dates(self):
        """Fill the default next review date and refuse one that is not after the last."""
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = a_year_after(self.last_reviewed)
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": "The next review must come after the last review."}
            )

    def review_is_due(self, today=None, within_days=30):
        today = today or datetime.date.today()
        due = self.next_review_due
        return due is not None and due <= today + datetime.timedelta(days=within_days)


OFF_LABEL_STATEMENT = (
    "<p><b>An off-label use.</b> The medicine on this page is not approved for this use. "
    "Doctors may still prescribe it when they judge it suitable, under close supervision, "
    "and will explain what is and is not known before you decide.</p>"
)


class MedicalDisclaimer(models.Model):
    """The site's medical disclaimer, shown at the foot of every health page; reviewers edit it."""

    title = models.CharField(max_length=100, default="About this information")
    text = RichTextField(
        features=["bold", "italic", "link"],
        help_text="Shown at the foot of every treatment page. Keep it short and plain.",
    )
    off_label_statement = RichTextField(
        features=["bold", "italic", "link"],
        default=OFF_LABEL_STATEMENT,
        help_text="Shown near the top of every treatment page that describes an off-label use.",
    )

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("off_label_statement")]

    class Meta:
        verbose_name = "medical disclaimer"

    def __str__(self):
        return self.title

    @classmethod
    def current(cls):
        """The disclaimer in use: the most recently created one (shared between servers until
        a disclaimer changes: PAGE_CACHE_INVALIDATED_BY)."""
        return pagecache.remember(
            "medical-disclaimer", lambda: cls.objects.order_by("-pk").first(), every_page=True
        )


# Clinicians' profiles, the sources pages cite, the fees: each in its own module.
from .fees import Fee  # noqa: E402, F401
from .people import Person  # noqa: E402, F401

# The plain-language glossary and targets live with the rest of plain language.
from .plain_language import GlossaryTerm, PlainLanguageSettings  # noqa: E402, F401
from .references import Reference  # noqa: E402, F401

# The workflow task that records sign-offs is a model of this app.
from .signoff import ClinicalReviewTask  # noqa: E402, F401

# So is the record of sign-outs that ends a user's other sessions; importing it here also
# connects the sign-in and sign-out receivers before anyone can sign in.
from .staff_sessions import StaffSessionEpoch  # noqa: E402, F401
