from django import forms
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import lockouts, publish_guard, two_factor  # noqa: F401 (admin pages, buttons, log actions)
from .models import Fee, GlossaryTerm, MedicalDisclaimer, Person, Reference
from .preview_checks import ClinicContentChecker


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "credentials", "care_role", "licence_verified", "retired"]
    list_filter = ["retired"]
    search_fields = ["name"]


register_snippet(PersonViewSet)


class MedicalDisclaimerViewSet(SnippetViewSet):
    model = MedicalDisclaimer
    icon = "warning"
    menu_label = "Medical disclaimer"
    list_display = ["title"]


register_snippet(MedicalDisclaimerViewSet)


class GlossaryViewSet(SnippetViewSet):
    """Clinical reviewers keep it; clinicians read it (clinic/migrations/0011)."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Plain-language glossary"
    list_display = ["term", "plain"]
    search_fields = ["term", "plain"]
    # Clinicians may not edit terms; the inspect view shows them a term's note.
    inspect_view_enabled = True


register_snippet(GlossaryViewSet)


class ReferenceCreationForm(forms.ModelForm):
    """A new source, added from the Sources block's chooser without leaving the page. Its
    fields are prefixed: the page's own form has a `title` too, and ids must stay unique."""

    prefix = "source"
    url = forms.URLField(label="Address", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Reference
        fields = ["authors", "title", "publisher", "year", "details", "kind", "url", "doi"]
        fields += ["pmid", "accessed"]
        # The browser's own date picker: Wagtail's prints an inline script, which the admin's
        # Content-Security-Policy blocks inside a modal.
        widgets = {"accessed": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ReferenceChooserViewSet(SnippetChooserViewSet):
    """The chooser has an "Add a source" tab for those who may add sources (clinicians,
    reviewers, administrators): Wagtail shows it only with a creation form."""

    creation_form_class = ReferenceCreationForm
    create_action_label = "Add a source"
    creation_tab_label = "Add a source"


class ReferenceViewSet(SnippetViewSet):
    """The sources pages cite; clinicians and reviewers keep them (clinic/migrations/0013)."""

    model = Reference
    chooser_viewset_class = ReferenceChooserViewSet
    icon = "list-ol"
    menu_label = "Sources"
    list_display = ["title", "publisher", "year", "kind", "accessed"]
    list_filter = ["kind"]
    search_fields = ["title", "authors", "publisher"]


register_snippet(ReferenceViewSet)


class FeeViewSet(SnippetViewSet):
    """What care costs; booking managers keep it (clinic/migrations/0013)."""

    model = Fee
    icon = "tag"
    menu_label = "Fees"
    list_display = ["service", "price"]
    search_fields = ["service"]


register_snippet(FeeViewSet)


# A health page's change goes live only with a sign-off: clinic/publish_guard.py.
hooks.register("before_publish_page", publish_guard.before_publish_page)
hooks.register("before_bulk_action", publish_guard.before_bulk_publish)
hooks.register("before_copy_page", publish_guard.before_copy_page)


@hooks.register("register_admin_urls")
def sign_off_urls():
    return [
        path(
            "clinic/pages/<int:page_id>/sign-off/",
            publish_guard.sign_off_and_publish_view,
            name="clinic_sign_off_and_publish",
        )
    ]


@hooks.register("construct_wagtail_userbar")
def use_clinic_content_checker(request, items, page=None):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem):
            items[position] = ClinicContentChecker(in_editor=item.in_editor)


@hooks.register("insert_editor_js")
def plain_language_panel_js():
    """The reading grade and what to change, in the Checks panel (clinic/preview_checks.py)."""
    return format_html('<script src="{}"></script>', static("clinic/js/plain-language-panel.js"))


@hooks.register("register_admin_viewset")
def register_review_page_viewset():
    """Every page type's editor speaks of clinical review (see clinic/admin_views.py)."""
    from .admin_views import ReviewPageViewSet

    return ReviewPageViewSet("clinic_pages")


@hooks.register("register_log_actions")
def register_sign_off_action(actions):
    from wagtail.log_actions import LogFormatter

    from .reviewed_content import SIGN_OFF_ACTION

    @actions.register_action(SIGN_OFF_ACTION)
    class SignOffFormatter(LogFormatter):
        label = "Medical sign-off"

        def format_message(self, log_entry):
            data = log_entry.data
            message = (
                f"Medical sign-off by {data.get('reviewer')}: reviewed "
                f"{data.get('last_reviewed')}, next review due {data.get('next_review_due')}"
            )
            if data.get("reading_grade") is not None:
                message += f"; reading grade {data['reading_grade']:g}"
            if data.get("reason"):
                message += (
                    f", above the limit of {data['grade_limit']:g}, because: “{data['reason']}”"
                )
            return message

    actions.register_action(
        publish_guard.SCHEDULED_PUBLISH_REFUSED,
        "Scheduled publish refused",
        "Scheduled publish refused: the changes were not signed off by a Clinical reviewer",
    )


@hooks.register("register_log_actions")
def log_sign_in_events_against_accounts(actions):
    """Sign-ins, lockouts, logoffs and second-factor changes are logged against the person's
    User (clinic/audit.py); Wagtail logs only the models registered for it."""
    from django.contrib.auth import get_user_model
    from wagtail.models import ModelLogEntry

    actions.register_model(get_user_model(), ModelLogEntry)


@hooks.register("register_log_actions")
def register_staff_session_actions(actions):
    """Automatic logoffs and sign-outs everywhere in the site history (clinic/staff_sessions.py)."""
    from wagtail.log_actions import LogFormatter

    from .staff_sessions import SESSION_EXPIRED, SIGNED_OUT_EVERYWHERE

    @actions.register_action(SESSION_EXPIRED)
    class SessionExpiredFormatter(LogFormatter):
        label = "Signed out automatically"

        def format_message(self, log_entry):
            if log_entry.data.get("reason") == "idle":
                return "Signed out automatically after a period without activity"
            return "Signed out automatically at the end of the longest session allowed"

    actions.register_action(
        SIGNED_OUT_EVERYWHERE, "Signed out everywhere", "Signed out on every device"
    )
