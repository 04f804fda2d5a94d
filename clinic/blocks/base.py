"""Shared pieces of the block library: group names, rich text features, heading anchors."""

from django.utils.text import slugify
from wagtail import blocks

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


def deconstruct_aliases(*classes):
    """A module's DECONSTRUCT_ALIASES: migrations name each block `clinic.blocks.<Name>`.

    Wagtail's Block.canonical_module_path looks the class up in this dict of the module
    that defines it, so the existing migrations keep the path from before the package.
    """
    return {cls: f"clinic.blocks.{cls.__name__}" for cls in classes}


def heading_anchor(value):
    """The id of a heading block: the editor's anchor, else a slug of the text."""
    return slugify(value.get("anchor") or value.get("text") or value.get("heading") or "")


# The parts every treatment page must have (with at least one FAQ), each started by a heading
# (or a checklist or steps block) the editor tags with the part it fulfils: the wording of
# the heading is theirs, the check does not read it.
HEALTH_SECTIONS = [
    ("what-it-is", "What it is"),
    ("how-it-works", "How it is thought to work"),
    ("who-it-may-help", "Who it may help"),
    ("who-it-may-not-suit", "Who it may not suit"),
    ("risks", "Risks and side effects"),
    ("what-to-expect", "What to expect"),
    ("cost", "Cost and insurance"),
]


def section_block():
    return blocks.ChoiceBlock(
        choices=HEALTH_SECTIONS,
        required=False,
        label="Section of a treatment page",
        help_text="Which required part of a treatment page this starts, if any.",
    )


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
