from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Article topics"
    list_display = ["name", "slug"]


register_snippet(TopicViewSet)
