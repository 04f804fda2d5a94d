"""Review dates of a health page (last reviewed, next review due, reviewer), and the rule
that its live content is always the content a Clinical reviewer signed off."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from clinic.editorial.reviewed_content import CHANGED_SINCE_REVIEW, is_signed_off, writes_content

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
        "(clinic/editorial/reviewed_content.py).",
    )

    # Nobody types these: a Clinical reviewer's approval records them (clinic/editorial/signoff.py).
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
    # A copy, and a translation ("Translate this page" copies too), starts unreviewed: it is
    # signed off on its own, in its own language.
    exclude_fields_in_copy = [
        "last_reviewed",
        "next_review_due",
        "reviewer",
        "reviewed_fingerprint",
    ]
    # Parts of the page its body must have before review (see clinic.blocks.missing_sections).
    required_sections = ()
    # What a reviewer signs off, and the page's other fields, which change without a review:
    # every field of a health page model is on one side (checked at start-up:
    # clinic/editorial/due_for_review.py).
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
