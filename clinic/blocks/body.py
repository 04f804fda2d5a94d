"""BodyBlock, the body of content pages, and the helpers that walk a body."""

from wagtail import blocks

from clinic.blocks.base import (
    HEALTH_SECTIONS,
    AnchoredBlockMixin,
    deconstruct_aliases,
    heading_anchor,
    unique_anchor,
)
from clinic.blocks.guidance import (
    CalloutBlock,
    ChecklistBlock,
    CrisisHelpBlock,
    FAQBlock,
    StepsBlock,
)
from clinic.blocks.links import CallToActionBlock, RelatedPagesBlock
from clinic.blocks.media import ImageBlock, VideoBlock
from clinic.blocks.sources import FeesBlock, SourcesBlock, default_fees
from clinic.blocks.text import HeadingBlock, ParagraphBlock, QuoteBlock, TableBlock

SECTIONED = ("heading", "checklist", "steps")


class BodyBlock(blocks.StreamBlock):
    """The body of treatment pages, articles and standard pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    steps = StepsBlock()
    checklist = ChecklistBlock()
    callout = CalloutBlock()
    crisis_help = CrisisHelpBlock()
    video = VideoBlock()
    table = TableBlock()
    related_pages = RelatedPagesBlock()
    fees = FeesBlock()
    sources = SourcesBlock()

    class Meta:
        block_counts = {}


def table_of_contents(body, reserved=()):
    """The anchor and text of every h2 in a body: heading blocks and blocks with a heading.

    Anchors are made unique as the blocks will make them when the page passes a
    `used_anchors` set holding the same `reserved` ids.
    """
    entries, used = [], set(reserved)
    for block in body or []:
        if not isinstance(block.block, AnchoredBlockMixin):
            continue
        value = block.value
        anchor = unique_anchor(heading_anchor(value), used)
        if block.block_type == "heading":
            level, text = value.get("level"), value.get("text")
        else:
            level, text = value.get("heading_level"), value.get("heading")
        if level == "h2" and text:
            entries.append({"anchor": anchor, "text": text})
    return entries


def missing_sections(body, required, page=None):
    """The names of the `required` parts (HEALTH_SECTIONS keys, or "faq") a body lacks.

    A part counts when a block is tagged with it: a checklist or steps block, or a heading
    followed by content; "faq" asks for an FAQ block with at least one question. "cost" also
    asks for a fees block in its section that shows a fee: fees it chose, or (none chosen,
    given the `page`) the fees linked to that page.
    """
    stream = list(body or [])
    found = set()
    for position, block in enumerate(stream):
        section = block.value.get("section") if block.block_type in SECTIONED else None
        following = stream[position + 1] if position + 1 < len(stream) else None
        has_content = block.block_type != "heading" or (
            following and following.block_type != "heading"
        )
        if section and has_content and (section != "cost" or shows_a_fee(stream, position, page)):
            found.add(section)
    if any(block.block_type == "faq" and block.value["items"] for block in stream):
        found.add("faq")
    names = dict(HEALTH_SECTIONS, faq="Questions people ask (at least one FAQ)")
    return [names[key] for key in required if key not in found]


def starts_a_section(block):
    """A tagged block, or a main (h2) heading: where the section before it ends."""
    value = block.value
    if block.block_type == "heading":
        return bool(value.get("section")) or value.get("level") == "h2"
    return block.block_type in SECTIONED and bool(value.get("section"))


def section_content(stream, start):
    """The blocks of the section that the block at `start` begins, up to the next one."""
    content = []
    for block in stream[start + 1 :]:
        if starts_a_section(block):
            break
        content.append(block)
    return content


def shows_a_fee(stream, start, page):
    """Whether a fees block in the section that starts at `start` shows at least one fee (a
    deleted fee does not)."""
    for block in section_content(stream, start):
        if block.block_type != "fees":
            continue
        chosen = list(block.value.get("fees") or [])
        if any(fee is not None for fee in chosen):
            return True
        if not chosen and page is not None and default_fees({"page": page}).exists():
            return True
    return False


def body_images(body):
    """Every image an image block in this body shows (already fetched in one query)."""
    return [
        block.value["image"]
        for block in body or []
        if block.block_type == "image" and block.value.get("image")
    ]


def body_linked_pages(body):
    """The pages that related-pages blocks in this body link to."""
    return [
        page
        for block in body or []
        if block.block_type == "related_pages"
        for page in block.value.get("pages") or []
        if page
    ]


DECONSTRUCT_ALIASES = deconstruct_aliases(BodyBlock)
