from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from blog.models import CARD_RENDITION_SPECS
from clinic.serving import fragments

register = template.Library()

CARD_TEMPLATE = "blog/includes/article_card.html"


@register.simple_tag(takes_context=True)
def article_cards(context, articles, eager=0):
    """The cards of `articles` (ArticlePage.objects.for_listing()) as HTML, in order, each
    rendered once per content (clinic.serving.fragments). The first `eager` cards load their picture
    at once: they are in the first screenful."""
    request = context.get("request")
    cards = [(article, "eager" if n < eager else "lazy") for n, article in enumerate(articles)]
    html = fragments.render_many(
        CARD_TEMPLATE,
        cards,
        inputs_of=lambda card: card_inputs(*card, request),
        render_missing=lambda missing: render_cards(missing, request),
    )
    return [mark_safe(text) for text in html]  # noqa: S308 (rendered by our template)


def card_inputs(article, loading, request):
    """Everything a card shows: its text, its link, and its picture's file and focal point."""
    return (
        article.pk,
        article.title,
        article.teaser,
        article.display_date,
        article.reading_time,
        article.topic.name if article.topic else None,
        article.get_url(request),
        fragments.picture_inputs(article.hero_image),
        loading,
    )


def render_cards(cards, request):
    """Render cards the cache lacks; their renditions come in one query for all of them."""
    fragments.prefetch_renditions(
        [article.hero_image for article, _ in cards], CARD_RENDITION_SPECS
    )
    card_template = get_template(CARD_TEMPLATE)
    return [
        card_template.render({"article": article, "loading": loading}, request)
        for article, loading in cards
    ]
