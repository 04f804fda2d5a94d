"""Blocks in the picker's "Text" group: heading, rich text, quote and table."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import (
    TypedTableBlock,
    TypedTableBlockValidationError,
)

from clinic.blocks.base import (
    GROUP_TEXT,
    RICH_TEXT_FEATURES,
    AnchoredBlockMixin,
    deconstruct_aliases,
    section_block,
)


class HeadingBlock(AnchoredBlockMixin, blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Subheading (h3)"), ("h4", "Minor (h4)")],
        default="h2",
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Optional link target, e.g. 'side-effects'. Made from the text when blank.",
    )
    section = section_block()

    class Meta:
        icon = "title"
        label = "Heading"
        group = GROUP_TEXT
        template = "blocks/heading_block.html"
        description = "A section heading; three or more section headings add a contents list."
        preview_value = {"text": "What to expect", "level": "h2", "anchor": ""}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Rich text"
        group = GROUP_TEXT
        template = "blocks/paragraph_block.html"
        description = "Paragraphs with bold, italic, subheadings, lists and links."
        preview_value = (
            "<p>Ketamine is an <b>anaesthetic</b>. At low doses, under medical supervision, "
            "it is sometimes used for depression that has not improved with other treatment.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=800)
    attribution = blocks.CharBlock(
        max_length=120, help_text="Who said it, e.g. 'A patient, aged 40s' or a clinician's name."
    )
    shared_with_consent = blocks.BooleanBlock(
        required=False,
        help_text="Tick for a patient story shown with the person's written consent.",
    )

    class Meta:
        icon = "openquote"
        label = "Quote or patient story"
        group = GROUP_TEXT
        template = "blocks/quote_block.html"
        description = "A short quote or a patient's own words, with who said it."
        preview_value = {
            "quote": "I did not expect to feel different so soon. The therapy afterwards "
            "is what helped the change last.",
            "attribution": "A patient, in her forties",
            "shared_with_consent": True,
        }


class TableBlock(TypedTableBlock):
    text = blocks.CharBlock(label="Text")
    number = blocks.DecimalBlock(label="Number")
    rich_text = blocks.RichTextBlock(features=["bold", "italic", "link"], label="Rich text")

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not (value.caption or "").strip():
            raise TypedTableBlockValidationError(
                non_block_errors=[ValidationError("Add a caption that says what the table shows.")]
            )
        return value

    class Meta:
        icon = "table"
        label = "Table"
        group = GROUP_TEXT
        template = "blocks/table_block.html"
        description = "A table with a caption and a header row, such as costs or session times."
        preview_value = {
            "caption": "Typical course of infusions",
            "columns": [
                {"type": "text", "heading": "Stage"},
                {"type": "text", "heading": "How often"},
            ],
            "rows": [
                {"values": ["First course", "Six sessions over two to three weeks"]},
                {"values": ["Boosters", "Only if needed, agreed with your psychiatrist"]},
            ],
        }


DECONSTRUCT_ALIASES = deconstruct_aliases(HeadingBlock, ParagraphBlock, QuoteBlock, TableBlock)
