"""Plain language in the admin: the glossary snippet, and the reading grade in the editor's
Checks panel."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinic.plain_language.page_scores import GlossaryTerm
from clinic.plain_language.preview_marks import ClinicContentChecker


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


@hooks.register("construct_wagtail_userbar")
def use_clinic_content_checker(request, items, page=None):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem):
            items[position] = ClinicContentChecker(in_editor=item.in_editor)


@hooks.register("insert_editor_js")
def plain_language_panel_js():
    """The reading grade and what to change, in the Checks panel
    (clinic/plain_language/preview_marks.py)."""
    return format_html('<script src="{}"></script>', static("clinic/js/plain-language-panel.js"))
