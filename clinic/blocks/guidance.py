"""Blocks in the picker's "Health guidance" group: FAQ, steps, checklist, callout, crisis help."""

from django.utils.translation import gettext_lazy
from wagtail import blocks

from clinic.blocks.base import (
    GROUP_GUIDANCE,
    SHORT_TEXT_FEATURES,
    AnchoredBlockMixin,
    deconstruct_aliases,
    heading_level_block,
    section_block,
)


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
    section = section_block()
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
    section = section_block()
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
# What a screen reader hears before the heading, in the visitor's language (the editor's
# choice labels above stay as they are: the block definition is part of the migrations).
CALLOUT_PREFIXES = {
    "info": gettext_lazy("Information"),
    "warning": gettext_lazy("Important"),
    "urgent": gettext_lazy("Urgent advice"),
    "emergency": gettext_lazy("Emergency"),
}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="info")
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["prefix"] = CALLOUT_PREFIXES.get(value.get("kind"), CALLOUT_PREFIXES["info"])
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


DECONSTRUCT_ALIASES = deconstruct_aliases(
    FAQItemBlock, FAQBlock, StepBlock, StepsBlock, ChecklistBlock, CalloutBlock, CrisisHelpBlock
)
