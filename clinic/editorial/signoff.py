"""The medical sign-off: a Clinical reviewer's approval records who reviewed a health page and when.

Authors never type the review date or choose the reviewer. When a reviewer approves a page in
the "Clinical review" workflow, the revision that goes live is stamped with today's date (in
the site's time zone), the Person linked to the reviewer's account, and the next review due,
which the reviewer chooses at approval (twelve months unless they say otherwise, at most
three years). Each sign-off is in the page's history, with the page's reading grade; a page
that reads above its upper limit is approved only with the reviewer's reason, kept there too.
The sign-off also records the fingerprint of the content it approved: only that content may
then go live (clinic/editorial/reviewed_content.py).
"""

from calendar import monthrange

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask

from clinic.blocks import missing_sections
from clinic.editorial.people import language_info
from clinic.editorial.reviewed_content import SIGN_OFF_ACTION, content_fingerprint
from clinic.editorial.translations import sign_off_data
from clinic.plain_language.page_scores import score_page

REASON_LENGTH = 500
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


class ReasonMissing(PermissionDenied):
    """An approval above the reading-grade limit without the reviewer's reason."""


def months_after(date, months):
    """The same day `months` later, or the month's last day when it has fewer days."""
    years, month_index = divmod(date.month - 1 + months, 12)
    year, month = date.year + years, month_index + 1
    return date.replace(year=year, month=month, day=min(date.day, monthrange(year, month)[1]))


class SignOffForm(TaskStateCommentForm):
    """Approval: the next review date, the usual optional comment, and, for a page that reads
    above its upper limit (clinic/plain_language/page_scores.py), the reviewer's reason."""

    next_review_in = forms.ChoiceField(
        label="Next review due",
        choices=REVIEW_INTERVALS,
        initial="12",
        help_text="Your approval records today as the date of this review and you as the "
        "reviewer. Choose when the page should be reviewed again.",
    )
    reason = forms.CharField(
        label="Why approve it above the reading-grade limit?",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["reason", "next_review_in", "comment"]

    def __init__(self, *args, score=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.score = score
        if score is None or not score.above_limit:
            del self.fields["reason"]
        else:
            self.fields["reason"].help_text = grade_above_limit(score) + (
                " Your reason is kept with the sign-off, in the page's history."
            )
        if score is not None:
            self.fields["next_review_in"].help_text += f" Reading grade: {score.summary}."


def grade_above_limit(score):
    """The grade (or, on a Spanish page, the INFLESZ score) past the page's limit."""
    return score.past_limit


def person_of(user):
    """The Person (clinician) linked to this sign-in account, or None."""
    return getattr(user, "person", None) if user and user.is_authenticated else None


def reviews_this(obj):
    """Whether this page records a clinical review (treatment pages, articles, the self-check)."""
    return hasattr(obj, "last_reviewed") and hasattr(obj, "reviewer_id")


def refusal(obj, user):
    """Why this user may not approve this revision, or '' when they may."""
    if not reviews_this(obj):
        return ""
    if person_of(user) is None:
        return NO_PERSON
    # A page without a body (the self-check: fixed fields) has no sections to require.
    body = getattr(obj, "body", None)
    if missing := missing_sections(body, obj.required_sections, page=obj):
        return "Before you approve, the page needs these sections: " + ", ".join(missing) + "."
    return language_refusal(obj, person_of(user))


def language_refusal(page, person):
    """A page in another language than the site's is signed off only by a reviewer whose entry
    in People lists that language: a clinician must read the words they approve."""
    code = page.locale.language_code if getattr(page, "locale_id", None) else ""
    if not code or code.split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]:
        return ""
    if person.reads(code):
        return ""
    name = language_info(code)["name"]
    return (
        f"You cannot approve this page: it is in {name}, and your entry under People does not "
        f"list {name} among the languages you speak. Ask a Clinical reviewer who reads {name}."
    )


def sign_off(revision, user, months, reason=""):
    """Stamp the revision that goes live (the latest: a reviewer may edit as they approve)
    with this review, and record it in the history, with the reading grade it went live at."""
    page = revision.as_object()
    if not reviews_this(page):
        return
    if refused := refusal(page, user):
        raise PermissionDenied(refused)
    score = score_page(page, revision)
    reason = (reason or "").strip()[:REASON_LENGTH]
    if score.above_limit and not reason:
        raise ReasonMissing(grade_above_limit(score) + " Say why you approve it.")
    today = timezone.localdate()
    page.last_reviewed = today
    page.reviewer = person_of(user)
    page.next_review_due = months_after(today, int(months))
    page.reviewed_fingerprint = content_fingerprint(page)
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
            # The score on the page's own scale (a grade; INFLESZ for a Spanish page).
            "reading_grade": score.score,
            "reading_scale": score.scale,
            "grade_limit": score.limit,
            "reason": reason if score.above_limit else "",
            "fingerprint": page.reviewed_fingerprint,
            **sign_off_data(page),  # a translation: its source's reviewed content
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
            sign_off(latest, user, kwargs.pop("next_review_in", "12"), kwargs.pop("reason", ""))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Clinical reviewers approve; their approval records the medical sign-off."

    class Meta:
        verbose_name = "clinical review task"
        verbose_name_plural = "clinical review tasks"
