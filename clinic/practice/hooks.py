"""The practice in the admin: the language taglines snippet (administrators only: no group
holds its permissions, so nobody else sees it in the menu or may open it)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinic.practice.language_assistance import LanguageTagline


class LanguageTaglineViewSet(SnippetViewSet):
    model = LanguageTagline
    icon = "globe"
    menu_label = "Language taglines"
    list_display = ["name", "code", "direction", "sort_order"]
    search_fields = ["name", "code"]


register_snippet(LanguageTaglineViewSet)
