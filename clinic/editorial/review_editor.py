"""The page editor's messages about clinical review, for every page type.

- After an approval: "Approved and published" (or "Approved; publishing at ..."), from the
  editor and from the dashboard alike, instead of "has been updated".
- For the author of a page sent back: the reviewer's comment at the top of the editor, until
  the page is submitted again.
- For a reviewer who cannot sign off yet: why, and how to fix it.
- On a translation whose source page was changed and signed off since: that it is out of date.
- In the sign-off form: the reading grade of the version under review, and a reason to give
  when it is above the page's upper limit.
"""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import CollectWorkflowActionDataView, WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, WorkflowState

from clinic.editorial import translations
from clinic.editorial.signoff import (
    ClinicalReviewTask,
    ReasonMissing,
    SignOffForm,
    refusal,
    reviews_this,
)
from clinic.plain_language.page_scores import score_page

OUT_OF_DATE_MESSAGE = (
    "This translation is out of date: its {0} page was changed and signed off since this page "
    "was. Bring it up to date with the {0} page, then submit it for clinical review."
)


def approval_message(page):
    page = Page.objects.get(pk=page.pk).specific
    if page.scheduled_revision:
        when = date_format(
            timezone.localtime(page.scheduled_revision.approved_go_live_at), "j F Y, H:i"
        )
        return f"Approved '{page.title}'; publishing at {when}."
    if page.live and not page.has_unpublished_changes:
        return f"Approved and published '{page.title}'."
    return f"Approved '{page.title}'; it moves on to the next step of its workflow."


def requested_changes(page):
    """The reviewer's comment when the page was sent back and not yet submitted again."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    if task_state is None or not task_state.comment:
        return None
    return task_state


class ReviewEditView(EditView):
    def get(self, request, *args, **kwargs):
        if sent_back := requested_changes(self.page):
            who = sent_back.finished_by.get_full_name() if sent_back.finished_by else "A reviewer"
            messages.warning(request, f"{who} asked for changes: “{sent_back.comment}”")
        if reviews_this(self.page.specific) and translations.out_of_date(self.page):
            source_language = translations.source_language_name()
            messages.warning(request, OUT_OF_DATE_MESSAGE.format(source_language))
        task = self.page.current_workflow_task
        reviewing = isinstance(task, ClinicalReviewTask) and task.get_actions(
            self.page, request.user
        )
        if reviewing and (
            reason := refusal(self.page.get_latest_revision_as_object(), request.user)
        ):
            messages.error(request, reason)
        return super().get(request, *args, **kwargs)

    def perform_workflow_action(self):
        """A reviewer's edits, saved as they approve, may take the page above its reading-grade
        limit after the form asked no reason: the edits stay as a draft, nothing is signed off,
        and the reviewer is told why and approves again (the form now asks)."""
        try:
            return super().perform_workflow_action()
        except ReasonMissing as missing:
            messages.error(self.request, f"Not signed off: {missing} Your edits are saved.")
            return redirect("wagtailadmin_pages:edit", self.page.pk)

    def add_save_confirmation_message(self):
        if getattr(self, "workflow_action", None) == "approve":
            messages.success(self.request, approval_message(self.page))
        else:
            super().add_save_confirmation_message()


class SignOffFormMixin:
    """The sign-off form knows the reading grade of the version under review: it shows it, and
    asks for a reason above the upper limit. Wagtail makes the form without the page."""

    def get_form_class(self):
        form_class = super().get_form_class()
        if form_class is None or not issubclass(form_class, SignOffForm):
            return form_class
        page = self.object.get_latest_revision_as_object()
        if not reviews_this(page):
            return form_class
        return partial(form_class, score=score_page(page, self.object.get_latest_revision()))


class ReviewCollectDataView(SignOffFormMixin, CollectWorkflowActionDataView):
    """Approving from the editor: the form is checked here before the editor submits."""


class ReviewWorkflowActionView(SignOffFormMixin, WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if self.action_name == "approve" and not self.object.workflow_in_progress:
            messages.success(request, approval_message(self.object))
        return response


class ReviewPageViewSet(PageViewSet):
    model = Page
    edit_view_class = ReviewEditView
    workflow_action_view_class = ReviewWorkflowActionView
    collect_workflow_action_data_view_class = ReviewCollectDataView
