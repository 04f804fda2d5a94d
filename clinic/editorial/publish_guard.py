"""The admin's publish buttons for health pages: a change goes live only through a sign-off.

The model refuses unreviewed live content on every route (clinic/editorial/reviewed_content.py);
these views make the refusal a clear message instead of an error page, and keep what was typed:
- the editor's Publish (an edit, a revert to an earlier version, a scheduled publish):
  the edits are saved as a draft first; a user who may sign off is taken to the sign-off form
  ("Sign off and publish"), so the history says who reviewed what went live; anyone else is
  told to submit the page for clinical review;
- copying with "Publish copied page": refused, the copy is made as a draft instead;
- bulk Publish: nothing is published while one of the chosen pages (or, with its descendants,
  one of theirs) has changes no sign-off covers; the message names them;
- `publish_scheduled` (clinic/management/commands) skips and logs such a revision.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from clinic.editorial.reviewed_content import CHANGED_SINCE_REVIEW, is_signed_off
from clinic.editorial.signoff import (
    ClinicalReviewTask,
    ReasonMissing,
    SignOffForm,
    refusal,
    reviews_this,
    sign_off,
)
from clinic.plain_language.page_scores import score_page

SCHEDULED_PUBLISH_REFUSED = "clinic.scheduled_publish_refused"


def needs_sign_off(page):
    """Whether publishing this version of a health page would show content no sign-off covers."""
    return reviews_this(page) and not is_signed_off(page)


def may_approve(task, page, user):
    return any(action[0] == "approve" for action in task.get_actions(page, user))


def clinical_review_task(page, user):
    """The page's current Clinical review step when this user may approve it, else None."""
    task_state = page.current_workflow_task_state
    if task_state is None or not isinstance(task_state.task.specific, ClinicalReviewTask):
        return None
    return task_state if may_approve(task_state.task.specific, page, user) else None


def is_clinical_reviewer(page, user):
    """A member of a Clinical review task's groups (or an administrator) who may sign off."""
    tasks = ClinicalReviewTask.objects.filter(active=True)
    return any(may_approve(task, page, user) for task in tasks)


def before_publish_page(request, page):
    """The editor's Publish, for a health page whose content no sign-off covers."""
    page = page.specific
    if not needs_sign_off(page):
        return None
    if is_clinical_reviewer(page, request.user):
        messages.info(
            request,
            "Your changes are saved. They go live with your sign-off: check the page and sign "
            "it off below, and the history will record you as its reviewer.",
        )
        return redirect("clinic_sign_off_and_publish", page.pk)
    messages.error(request, f"Your changes are saved as a draft. {CHANGED_SINCE_REVIEW}")
    return redirect("wagtailadmin_pages:edit", page.pk)


def health_pages_in(page, with_subpages):
    pages = [page, *(page.get_descendants() if with_subpages else [])]
    return [p for p in pages if reviews_this(p.specific_class)]


def before_copy_page(request, page):
    """A copy kept live would be a new page no reviewer signed off: copy it as a draft."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    if not health_pages_in(page, bool(request.POST.get("copy_subpages"))):
        return None
    messages.error(
        request,
        "Not copied: a copy of a health page cannot go live before its own clinical review. "
        "Copy it without “Publish copied page”, then submit the copy for clinical review.",
    )
    return redirect("wagtailadmin_pages:copy", page.pk)


def pages_to_publish(objects, include_descendants):
    for page in objects:
        yield page
        if include_descendants:
            yield from page.get_descendants().not_live().specific()


def before_bulk_publish(request, action_type, objects, action):
    if action_type != "publish":
        return None
    include_descendants = bool(request.POST.get("include_descendants"))
    refused = [
        page.get_admin_display_title()
        for page in pages_to_publish(objects, include_descendants)
        if needs_sign_off(page.specific.get_latest_revision_as_object())
    ]
    if not refused:
        return None
    messages.error(
        request,
        "Nothing was published. These pages have changes no Clinical reviewer has signed off: "
        f"{', '.join(refused)}. Submit each for clinical review; a reviewer's sign-off "
        "publishes it.",
    )
    return redirect(action.next_url or reverse("wagtailadmin_explore_root"))


@transaction.atomic
def sign_off_and_publish(page, user, next_review_in, reason, comment):
    """The reviewer's sign-off of the latest version, which then goes live (or is scheduled).
    A page in review is approved through its workflow, so the workflow ends as approved."""
    if task_state := clinical_review_task(page, user):
        task_state.task.specific.on_action(
            task_state,
            user,
            "approve",
            next_review_in=next_review_in,
            reason=reason,
            comment=comment,
        )
        return
    revision = page.get_latest_revision()
    sign_off(revision, user, next_review_in, reason)
    revision.publish(user=user)


def sign_off_and_publish_view(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    latest = page.get_latest_revision_as_object()
    if not reviews_this(latest) or not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    if not is_clinical_reviewer(page, request.user):
        raise PermissionDenied
    if reason := refusal(latest, request.user):
        messages.error(request, reason)
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = SignOffForm(request.POST or None, score=score_page(latest, page.get_latest_revision()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sign_off_and_publish(
                page, request.user, data["next_review_in"], data.get("reason", ""), data["comment"]
            )
        except ReasonMissing as missing:
            form.add_error(None, str(missing))
        else:
            page.refresh_from_db()
            done = "scheduled to go live" if page.scheduled_revision else "published"
            messages.success(request, f"Signed off and {done}: '{page.title}'.")
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "clinic/admin/sign_off_and_publish.html",
        {"page": page, "form": form, "in_review": bool(clinical_review_task(page, request.user))},
    )
