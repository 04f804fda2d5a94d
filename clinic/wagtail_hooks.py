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
