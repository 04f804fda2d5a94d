"""The medical sign-off: a Clinical reviewer's approval records who reviewed a health page and when.

Authors never type the review date or choose the reviewer. When a reviewer approves a page in
the "Clinical review" workflow, the revision that goes live is stamped with today's date (in
the site's time zone), the Person linked to the reviewer's account, and the next review due,
which the reviewer chooses at approval (twelve months unless they say otherwise, at most
three years). Each sign-off is in the page's history.
"""

from calendar import monthrange

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask

from .blocks import missing_sections

SIGN_OFF_ACTION = "clinic.sign_off"
REVIEW_INTERVALS = [
    ("3", "In 3 months"),
    ("6", "In 6 months"),
    ("12", "In 12 months"),
    ("24", "In 2 years"),
    ("36", "In 3 years"),
]
NO_PERSON = (
    "You cannot approve yet: your account is not linked to a person in People, so the "
    "sign-off could not name you. Ask an administrator to link your account to your entry "
    'under People (the "Sign-in account" field).'
)


def months_after(date, months):
    """The same day `months` later, or the month's last day when it has fewer days."""
    years, month_index = divmod(date.month - 1 + months, 12)
    year, month = date.year + years, month_index + 1
    return date.replace(year=year, month=month, day=min(date.day, monthrange(year, month)[1]))


class SignOffForm(TaskStateCommentForm):
    """Approval: the next review date, and the usual optional comment."""

    next_review_in = forms.ChoiceField(
        label="Next review due",
        choices=REVIEW_INTERVALS,
        initial="12",
        help_text="Your approval records today as the date of this review and you as the "
        "reviewer. Choose when the page should be reviewed again.",
    )
    field_order = ["next_review_in", "comment"]


def person_of(user):
    """The Person (clinician) linked to this sign-in account, or None."""
    return getattr(user, "person", None) if user and user.is_authenticated else None


def reviews_this(obj):
    """Whether this page records a clinical review (treatment pages and articles)."""
    return hasattr(obj, "last_reviewed") and hasattr(obj, "reviewer_id")


def refusal(obj, user):
    """Why this user may not approve this revision, or '' when they may."""
    if not reviews_this(obj):
        return ""
    if person_of(user) is None:
        return NO_PERSON
    if missing := missing_sections(obj.body, obj.required_sections):
        return "Before you approve, the page needs these sections: " + ", ".join(missing) + "."
    return ""


def sign_off(revision, user, months):
    """Stamp the revision that goes live (the latest: a reviewer may edit as they approve)
    with this review, and record it in the history."""
    page = revision.as_object()
    if not reviews_this(page):
        return
    if reason := refusal(page, user):
        raise PermissionDenied(reason)
    today = timezone.localdate()
    page.last_reviewed = today
    page.reviewer = person_of(user)
    page.next_review_due = months_after(today, int(months))
    revision.content = page.serializable_data()
    revision.save(update_fields=["content"])
    log(
        instance=page,
        action=SIGN_OFF_ACTION,
        user=user,
        revision=revision,
        data={
            "reviewer": str(page.reviewer),
            "last_reviewed": today.isoformat(),
            "next_review_due": page.next_review_due.isoformat(),
        },
    )


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """Approval by a Clinical reviewer that records the medical sign-off on the page."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions:
            return []
        # One approval, always through the sign-off form; none for a reviewer who cannot sign.
        # Judge the revision under review: a live page's row holds the published version.
        reviewed = obj.get_latest_revision_as_object() if reviews_this(obj) else obj
        approve = [] if refusal(reviewed, user) else [("approve", "Sign off", True)]
        return [action for action in actions if action[0] != "approve"] + approve

    def get_form_for_action(self, action):
        return SignOffForm if action == "approve" else super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            latest = task_state.workflow_state.content_object.get_latest_revision()
            sign_off(latest, user, kwargs.pop("next_review_in", "12"))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Clinical reviewers approve; their approval records the medical sign-off."

    class Meta:
        verbose_name = "clinical review task"
        verbose_name_plural = "clinical review tasks"
