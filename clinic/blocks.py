"""The StreamField block library every page type composes from.

Every block carries a label, an icon, a one-line description, a preview value and a
group, so clinicians can find it in the block picker, and renders from its own
template under templates/blocks/.
"""

from django.utils.text import slugify
from wagtail import blocks

GROUP_TEXT = "Text"
GROUP_SETTINGS = "Clinic settings"

# Rich text features clinicians need: no h1, no raw HTML, no embeds inside text.
RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
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

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value)
        return context

    class Meta:
        icon = "title"
        label = "Heading"
        group = GROUP_TEXT
        template = "blocks/heading_block.html"
        description = "A section heading; three or more section headings add a contents list."
        preview_value = {"text": "What to expect", "level": "h2", "anchor": ""}


def heading_anchor(value):
    """The id of a heading block: the editor's anchor, else a slug of the text."""
    return slugify(value.get("anchor") or value.get("text") or "")


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


class BodyBlock(blocks.StreamBlock):
    """The body of treatment pages, articles and standard pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()

    class Meta:
        block_counts = {}


# Blocks used by ClinicSettings, not by page bodies.


class CrisisLineBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80, help_text="e.g. 988 Suicide & Crisis Lifeline")
    description = blocks.CharBlock(
        max_length=200, required=False, help_text="e.g. Free, confidential, 24 hours a day."
    )
    phone = blocks.CharBlock(
        max_length=20, required=False, help_text="Number to call, e.g. 988 or 911."
    )
    sms = blocks.CharBlock(max_length=20, required=False, help_text="Number to text, if any.")
    url = blocks.URLBlock(required=False, help_text="Web chat or information page, if any.")
    emergency = blocks.BooleanBlock(
        required=False, help_text="Tick for the emergency number (shown first, in red)."
    )

    class Meta:
        icon = "warning"
        label = "Crisis line"
        group = GROUP_SETTINGS
        description = "A crisis or emergency line shown on every page's urgent-help route."
        preview_value = {
            "name": "988 Suicide & Crisis Lifeline",
            "description": "Call or text 988. Free and confidential, 24 hours a day.",
            "phone": "988",
            "sms": "988",
        }


WEEKDAYS = [
    ("Monday", "Monday"),
    ("Tuesday", "Tuesday"),
    ("Wednesday", "Wednesday"),
    ("Thursday", "Thursday"),
    ("Friday", "Friday"),
    ("Saturday", "Saturday"),
    ("Sunday", "Sunday"),
]


class OpeningHoursBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text="As shown to visitors, e.g. Monday to Friday")
    days = blocks.MultipleChoiceBlock(choices=WEEKDAYS)
    opens = blocks.TimeBlock()
    closes = blocks.TimeBlock()

    class Meta:
        icon = "time"
        label = "Opening hours"
        group = GROUP_SETTINGS
        description = "Days and hours the clinic answers the phone."
        preview_value = {
            "label": "Monday to Friday",
            "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "opens": "09:00",
            "closes": "17:00",
        }
