"""Blocks in the picker's "Links and actions" group: call to action and related pages."""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from clinic.blocks.base import (
    GROUP_LINKS,
    AnchoredBlockMixin,
    deconstruct_aliases,
    heading_level_block,
)


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.TextBlock(required=False, max_length=300)
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site, or…")
    url = blocks.URLBlock(required=False, label="URL", help_text="…a web address. Not both.")
    button_text = blocks.CharBlock(max_length=60, help_text="e.g. Book a consultation")

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page == has_url:
            message = (
                "Choose a page or enter a URL, not both."
                if has_page
                else "Choose a page or enter a URL for the button."
            )
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    def get_preview_value(self):
        value = dict(self.meta.preview_value)
        value["url"] = "https://example.org/"
        return self.normalize(value)

    class Meta:
        icon = "link"
        label = "Call to action"
        group = GROUP_LINKS
        template = "blocks/call_to_action_block.html"
        description = "A highlighted button to one page or web address, with a short line of text."
        preview_value = {
            "heading": "Is this right for you?",
            "text": "Start with a consultation. We will talk through your history and options.",
            "button_text": "Book a consultation",
        }


def card_text(page):
    """The line a card shows under a page's title: its summary, teaser or introduction."""
    for name in ("summary", "teaser", "intro", "search_description"):
        text = getattr(page, name, "")
        if text and isinstance(text, str):
            # An introduction may be rich text: a card shows it as plain words.
            return strip_tags(text).strip()
    return ""


class RelatedPagesBlock(AnchoredBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Related pages")
    heading_level = heading_level_block()
    pages = blocks.ListBlock(blocks.PageChooserBlock(label="Page"), min_num=1, max_num=6)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # The page's get_context may have fetched every linked page in one go.
        lookup = (parent_context or {}).get("specific_pages") or {}
        pages = [
            lookup.get(page.pk) if lookup else page.specific
            for page in value.get("pages") or []
            if page and (page.pk in lookup if lookup else page.live)
        ]
        context["pages"] = [page for page in pages if page]
        return context

    def get_preview_value(self):
        from wagtail.models import Page

        value = dict(self.meta.preview_value)
        # Pages below the home page, e.g. the treatments or the about page.
        value["pages"] = list(Page.objects.filter(depth__gt=2).live().order_by("path")[:2])
        return self.normalize(value)

    class Meta:
        icon = "doc-full"
        label = "Related pages"
        group = GROUP_LINKS
        template = "blocks/related_pages_block.html"
        description = "Cards linking to other pages on the site, with their pictures and summaries."
        preview_value = {"heading": "Related pages", "heading_level": "h2"}


DECONSTRUCT_ALIASES = deconstruct_aliases(CallToActionBlock, RelatedPagesBlock)
