"""The editorial admin: snippets for people, sources, fees and the disclaimer, the publish
guard's hooks, the sign-off page and the sign-off's line in page history."""

from django import forms
from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinic.editorial import publish_guard
from clinic.editorial.disclaimer import MedicalDisclaimer
from clinic.editorial.fees import Fee
from clinic.editorial.people import Person
from clinic.editorial.references import Reference


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


# A health page's change goes live only with a sign-off: clinic/editorial/publish_guard.py.
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


@hooks.register("register_admin_viewset")
def register_review_page_viewset():
    """Every page type's editor speaks of clinical review (see
    clinic/editorial/review_editor.py)."""
    from clinic.editorial.review_editor import ReviewPageViewSet

    return ReviewPageViewSet("clinic_pages")


@hooks.register("register_log_actions")
def register_sign_off_action(actions):
    from wagtail.log_actions import LogFormatter

    from clinic.editorial.reviewed_content import SIGN_OFF_ACTION

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
                # A Spanish page's score is on the INFLESZ scale, an English one a grade.
                scale = "INFLESZ" if data.get("reading_scale") == "INFLESZ" else "reading grade"
                message += f"; {scale} {data['reading_grade']:g}"
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
