from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MedicalDisclaimer, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "credentials", "role"]
    search_fields = ["name"]


register_snippet(PersonViewSet)


class MedicalDisclaimerViewSet(SnippetViewSet):
    model = MedicalDisclaimer
    icon = "warning"
    menu_label = "Medical disclaimer"
    list_display = ["title"]


register_snippet(MedicalDisclaimerViewSet)


class ClinicContentChecker(ContentCheckerItem):
    """The editor's checks: what a clinician can fix in their own content, in the main area."""

    axe_include = ["main"]
    axe_run_only = [
        "image-alt",
        "alt-text-quality",
        "heading-order",
        "empty-heading",
        "p-as-heading",
        "link-name",
        "button-name",
        "empty-table-header",
        "frame-title",
    ]


@hooks.register("construct_wagtail_userbar")
def use_clinic_content_checker(request, items, page=None):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem):
            items[position] = ClinicContentChecker(in_editor=item.in_editor)
