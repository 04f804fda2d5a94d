"""Cards linking to pages (treatments, the pages a related-pages block chooses), each rendered
once per content and kept in the fragment cache, as article cards are (clinic.serving.fragments)."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from clinic.blocks.links import card_text
from clinic.serving import fragments

register = template.Library()

CARD_TEMPLATE = "includes/page_card.html"
# The renditions a page card's picture asks for (its {% picture %} tag), fetched in one query
# for all the cards a page has to render.
CARD_RENDITION_SPECS = tuple(
    f"format-{fmt}|width-{width}" for width in (400, 800) for fmt in ("avif", "webp", "jpeg")
)


@register.simple_tag(takes_context=True)
def page_cards(context, pages):
    """The cards of `pages` (specific pages, hero image joined) as HTML, in order."""
    request = context.get("request")
    pages = list(pages)
    html = fragments.render_many(
        CARD_TEMPLATE,
        pages,
        inputs_of=lambda page: card_inputs(page, request),
        render_missing=lambda missing: render_cards(missing, request),
    )
    return [mark_safe(text) for text in html]  # noqa: S308 (rendered by our template)


def card_inputs(page, request):
    """Everything a card shows: its title, line of text, link and picture."""
    image = getattr(page, "hero_image", None)
    return (
        page.pk,
        page.title,
        card_text(page),
        page.get_url(request),
        fragments.picture_inputs(image),
    )


def render_cards(pages, request):
    """Render the cards the cache lacks; their renditions come in one query for all of them."""
    fragments.prefetch_renditions(
        [getattr(page, "hero_image", None) for page in pages], CARD_RENDITION_SPECS
    )
    card_template = get_template(CARD_TEMPLATE)
    return [
        card_template.render({"card_page": page, "card_text": card_text(page)}, request)
        for page in pages
    ]
