"""The editor's forms for pages: their checks speak of what the user is doing.

Every page: submitting, publishing or approving needs a title search results show whole (an
SEO title of at most 65 characters, or a title that short; clinic/serving/page_titles.py). A draft
is saved as it is: a clinician writing a page keeps their work and fixes the title before it
goes to review.
Health pages: submitting for review needs every required part of the page; publishing needs
those and a recorded clinical review, and only users who may publish can; approving needs the
parts too.
"""

from wagtail.admin.forms import WagtailAdminPageForm

from clinic.blocks import missing_sections
from clinic.editorial.review_dates import NO_REVIEW
from clinic.serving.page_titles import title_problem

ACTIONS = {
    "action-submit": "submit for review",
    "action-publish": "publish",
    "action-workflow-action": "approve",
}


class PageTitleCheck:
    """For a page form (every page model's base_form_class has it): the SEO title's check, on
    the SEO title field in the Promote tab, when the page is to go live or to review."""

    def clean(self):
        cleaned_data = super().clean()
        if self.action() is not None:
            problem = title_problem(cleaned_data.get("title"), cleaned_data.get("seo_title"))
            if problem:
                self.add_error("seo_title" if "seo_title" in self.fields else None, problem)
        return cleaned_data

    def action(self):
        """What the user is doing with this form: submit, publish or approve (else None)."""
        for key, action in ACTIONS.items():
            if self.data.get(key):
                if (
                    key == "action-workflow-action"
                    and self.data.get("workflow-action-name") != "approve"
                ):
                    return None
                return action
        return None


class ClinicPageForm(PageTitleCheck, WagtailAdminPageForm):
    """The editor's form for a page with no checks of its own but the title's."""


class HealthPageForm(ClinicPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # A new page is `live` until the view saves it as a draft: the model must not refuse it.
        self.instance._review_checked_by_form = True
        action = self.action()
        if action is None:
            return cleaned_data
        page = self.instance
        if action == "publish" and not self.may_publish():
            self.add_error(None, "You cannot publish: submit the page for clinical review.")
            return cleaned_data
        missing = missing_sections(cleaned_data.get("body"), page.required_sections, page=page)
        if missing:
            self.add_error(None, f"Before you {action}, add these sections: {', '.join(missing)}.")
        if action == "publish" and not page.has_review_metadata:
            self.add_error(None, f"Before you publish: {NO_REVIEW}")
        return cleaned_data

    def may_publish(self):
        if self.instance.pk is None:  # a new page: what its parent allows
            return self.parent_page.permissions_for_user(self.for_user).can_publish_subpage()
        return self.instance.permissions_for_user(self.for_user).can_publish()
