"""The StreamField block library every page type composes from.

Every block carries a label, an icon, a one-line description, a preview value and a
group, so clinicians can find it in the block picker, and renders from its own
template under templates/blocks/. One module per picker group:

- base.py: group names, rich text features, heading levels and anchors
- text.py: heading, rich text, quote, table ("Text")
- media.py: image with caption, video ("Images and media")
- guidance.py: FAQ, steps, checklist, callout, crisis help ("Health guidance")
- links.py: call to action, related pages ("Links and actions")
- sources.py: sources, fees ("Sources and fees")
- clinic_settings.py: crisis line, opening hours, closed day ("Clinic settings", used by
  ClinicSettings)
- body.py: BodyBlock and the helpers that walk a body (contents, images, linked pages)

Import from `clinic.blocks`; migrations name every block `clinic.blocks.<Name>` (each
module's DECONSTRUCT_ALIASES keeps that path).

May import: editorial, practice (inside functions only: the sources and fees blocks read
their models, and the clinic's settings, when they render).
"""

from clinic.blocks.base import (
    GROUP_GUIDANCE,
    GROUP_LINKS,
    GROUP_MEDIA,
    GROUP_SETTINGS,
    GROUP_TEXT,
    HEADING_LEVELS,
    HEALTH_SECTIONS,
    RICH_TEXT_FEATURES,
    SHORT_TEXT_FEATURES,
    AnchoredBlockMixin,
    heading_anchor,
    heading_level_block,
    unique_anchor,
)
from clinic.blocks.body import (
    BodyBlock,
    body_images,
    body_linked_pages,
    missing_sections,
    table_of_contents,
)
from clinic.blocks.clinic_settings import (
    WEEKDAYS,
    ClosedDayBlock,
    CrisisLineBlock,
    OpeningHoursBlock,
)
from clinic.blocks.guidance import (
    CALLOUT_KINDS,
    CALLOUT_PREFIXES,
    CalloutBlock,
    ChecklistBlock,
    CrisisHelpBlock,
    FAQBlock,
    FAQItemBlock,
    StepBlock,
    StepsBlock,
)
from clinic.blocks.links import CallToActionBlock, RelatedPagesBlock, card_text
from clinic.blocks.media import ImageBlock, VideoBlock, first_image
from clinic.blocks.sources import GROUP_SOURCES, FeesBlock, SourcesBlock
from clinic.blocks.text import HeadingBlock, ParagraphBlock, QuoteBlock, TableBlock

__all__ = [
    "CALLOUT_KINDS",
    "CALLOUT_PREFIXES",
    "GROUP_GUIDANCE",
    "GROUP_LINKS",
    "GROUP_MEDIA",
    "GROUP_SETTINGS",
    "GROUP_SOURCES",
    "GROUP_TEXT",
    "HEADING_LEVELS",
    "HEALTH_SECTIONS",
    "RICH_TEXT_FEATURES",
    "SHORT_TEXT_FEATURES",
    "WEEKDAYS",
    "AnchoredBlockMixin",
    "BodyBlock",
    "CallToActionBlock",
    "CalloutBlock",
    "ChecklistBlock",
    "ClosedDayBlock",
    "CrisisHelpBlock",
    "CrisisLineBlock",
    "FAQBlock",
    "FeesBlock",
    "FAQItemBlock",
    "HeadingBlock",
    "ImageBlock",
    "OpeningHoursBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "RelatedPagesBlock",
    "SourcesBlock",
    "StepBlock",
    "StepsBlock",
    "TableBlock",
    "VideoBlock",
    "body_images",
    "body_linked_pages",
    "card_text",
    "first_image",
    "heading_anchor",
    "heading_level_block",
    "missing_sections",
    "table_of_contents",
    "unique_anchor",
]
