"""The StreamField block library every page type composes from.

Every block carries a label, an icon, a one-line description, a preview value and a
group, so clinicians can find it in the block picker, and renders from its own
template under templates/blocks/.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import (
    TypedTableBlock,
    TypedTableBlockValidationError,
)
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

GROUP_TEXT = "Text"
GROUP_MEDIA = "Images and media"
GROUP_GUIDANCE = "Health guidance"
GROUP_LINKS = "Links and actions"
GROUP_SETTINGS = "Clinic settings"

# Rich text features clinicians need: no h1, no raw HTML, no embeds inside text.
RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]
# Inside a block that has its own heading: no headings in the text.
SHORT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

HEADING_LEVELS = [("h2", "Section heading (h2)"), ("h3", "Subheading (h3)")]


def heading_anchor(value):
    """The id of a heading block: the editor's anchor, else a slug of the text."""
    return slugify(value.get("anchor") or value.get("text") or value.get("heading") or "")


def heading_level_block(default="h2"):
    return blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default=default,
        help_text="h2 for a main section of the page (listed in its contents), h3 inside one.",
    )


def unique_anchor(anchor, used):
    """The anchor, or anchor-2, anchor-3... when an earlier heading on the page took it."""
    candidate, number = anchor, 2
    while candidate in used:
        candidate, number = f"{anchor}-{number}", number + 1
    used.add(candidate)
    return candidate


class AnchoredBlockMixin:
    """Gives the block template `anchor`, the id its heading carries.

    A page whose context has a `used_anchors` set gets ids that are unique on the page, in
    the same order as `table_of_contents` numbers them.
    """

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        anchor = heading_anchor(value)
        used = (parent_context or {}).get("used_anchors")
        context["anchor"] = unique_anchor(anchor, used) if used is not None else anchor
        return context


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


def first_image():
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("pk").first()


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text; screen readers skip it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Add alt text that describes the image, or tick 'decorative' "
                        "if it adds nothing to the text."
                    )
                }
            )
        return value

    def get_preview_value(self):
        value = dict(self.meta.preview_value)
        value["image"] = first_image()
        return self.normalize(value)

    class Meta:
        icon = "image"
        label = "Image with caption"
        group = GROUP_MEDIA
        template = "blocks/image_block.html"
        description = "A picture with alt text and an optional caption, sized for every screen."
        preview_value = {
            "alt_text": "A quiet treatment room with a reclining chair by a window.",
            "decorative": False,
            "caption": "One of the clinic's treatment rooms.",
        }


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


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "Question"


class FAQBlock(AnchoredBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Questions people ask")
    heading_level = heading_level_block()
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        label = "FAQ"
        group = GROUP_GUIDANCE
        template = "blocks/faq_block.html"
        description = "Questions and answers that open one at a time."
        preview_value = {
            "heading": "Questions people ask",
            "heading_level": "h2",
            "items": [
                {
                    "question": "Can I drive home after a session?",
                    "answer": "<p>No. Someone else needs to take you home.</p>",
                },
                {
                    "question": "Will I need to stop my other medicines?",
                    "answer": "<p>Not usually. Your psychiatrist will check them with you.</p>",
                },
            ],
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES, required=False)

    class Meta:
        icon = "order"
        label = "Step"


class StepsBlock(AnchoredBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="What to expect")
    heading_level = heading_level_block()
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        label = "Steps"
        group = GROUP_GUIDANCE
        template = "blocks/steps_block.html"
        description = "Numbered steps, such as what happens before, during and after treatment."
        preview_value = {
            "heading": "What to expect",
            "heading_level": "h2",
            "steps": [
                {"title": "Assessment", "text": "<p>A psychiatrist reviews your history.</p>"},
                {"title": "Sessions", "text": "<p>About 40 to 60 minutes, with monitoring.</p>"},
                {"title": "Follow-up", "text": "<p>Regular check-ins and therapy.</p>"},
            ],
        }


class ChecklistBlock(AnchoredBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    heading_level = heading_level_block()
    tone = blocks.ChoiceBlock(
        choices=[
            ("positive", "May help (ticks)"),
            ("caution", "May not suit (crosses)"),
            ("neutral", "Neutral (bullets)"),
        ],
        default="neutral",
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=300, label="Item"), min_num=1)

    class Meta:
        icon = "tasks"
        label = "Checklist"
        group = GROUP_GUIDANCE
        template = "blocks/checklist_block.html"
        description = "A short list such as 'Who it may help' or 'Who it may not suit'."
        preview_value = {
            "heading": "Who it may help",
            "heading_level": "h2",
            "tone": "positive",
            "items": [
                "Adults whose depression has not improved after two or more medicines",
                "People who want to combine treatment with talking therapy",
            ],
        }


CALLOUT_KINDS = [
    ("info", "Information"),
    ("warning", "Important"),
    ("urgent", "Urgent advice"),
    ("emergency", "Emergency"),
]
CALLOUT_PREFIXES = dict(CALLOUT_KINDS)


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="info")
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["prefix"] = CALLOUT_PREFIXES.get(value.get("kind"), "Information")
        return context

    class Meta:
        icon = "info-circle"
        label = "Callout"
        group = GROUP_GUIDANCE
        template = "blocks/callout_block.html"
        description = "An information, important, urgent or emergency card that stands out."
        preview_value = {
            "kind": "warning",
            "heading": "Do not drive after a session",
            "text": "<p>Arrange for someone to take you home. "
            "You can drive again the next day.</p>",
        }


class CrisisHelpBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Need help now?")
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text="Optional line above the numbers. The numbers come from the clinic settings.",
    )

    class Meta:
        icon = "mobile-alt"
        label = "Crisis help"
        group = GROUP_GUIDANCE
        template = "blocks/crisis_help_block.html"
        description = "The crisis and emergency numbers from the clinic settings, always current."
        preview_value = {
            "heading": "Need help now?",
            "text": "If you are thinking about suicide or may harm yourself, get help now.",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="The video's web address, e.g. a YouTube or Vimeo link.")
    title = blocks.CharBlock(
        max_length=150, help_text="What the video is about; it names the link to the video."
    )
    description = blocks.TextBlock(
        required=False, max_length=300, help_text="Optional: who is speaking, how long it is."
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        video = value.get("video")
        url = getattr(video, "url", "") or ""
        context["video_url"] = url
        host = urlsplit(url).hostname or ""
        context["video_host"] = host.removeprefix("www.").removeprefix("m.")
        return context

    class Meta:
        icon = "media"
        label = "Video"
        group = GROUP_MEDIA
        template = "blocks/video_block.html"
        description = "A link to a video with its title; nothing loads from the video site."
        preview_value = {
            "video": "https://www.youtube.com/watch?v=example",
            "title": "What happens at a first consultation",
            "description": "Our medical director explains the assessment. 4 minutes.",
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
        context["cards"] = [(page, card_text(page)) for page in pages if page]
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
