"""Reading time: the words of an article body, and the whole minutes they take to read."""

import math

from wagtail import blocks
from wagtail.blocks.field_block import BaseChoiceBlock

WORDS_PER_MINUTE = 230


def body_text(block, value):
    """The words a reader reads in a block's value, walking structs, lists and streams."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from body_text(child.block, child.value)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from body_text(block.child_block, item)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from body_text(child_block, value.get(name))
    elif isinstance(block, BaseChoiceBlock | blocks.BooleanBlock | blocks.URLBlock):
        return  # settings such as a heading level are not read
    else:
        yield from (str(text) for text in block.get_searchable_content(value))


def word_count(stream_value):
    if not stream_value:
        return 0
    return sum(len(text.split()) for text in body_text(stream_value.stream_block, stream_value))


def reading_minutes(stream_value):
    """Whole minutes at about 230 words a minute, never less than one."""
    return max(1, math.ceil(word_count(stream_value) / WORDS_PER_MINUTE))
