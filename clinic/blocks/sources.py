"""Blocks that say what a page rests on and what care costs ("Sources and fees")."""

import datetime
from decimal import Decimal

from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.snippets.blocks import SnippetChooserBlock

from clinic.blocks.base import AnchoredBlockMixin, deconstruct_aliases

GROUP_SOURCES = "Sources and fees"
# The block picker's preview of a fees block on a site that has no fees yet.
PREVIEW_FEES = [
    {"service": "Initial assessment", "price_from": Decimal(400), "unit": "per visit"},
    {
        "service": "Treatment session",
        "price_from": Decimal(450),
        "price_to": Decimal(550),
        "unit": "per session",
        "included": "The session, with a nurse, and time to recover.",
        "insurance": "Ask your plan whether it covers part of it.",
    },
]


# The block picker's preview of a sources block on a site that has no sources yet.
PREVIEW_SOURCES = [
    {
        "authors": "Sanacora G, Frye MA, McDonald W, et al.",
        "title": "A Consensus Statement on the Use of Ketamine in the Treatment of Mood Disorders",
        "publisher": "JAMA Psychiatry",
        "year": 2017,
        "details": "74(4):399-405",
        "doi": "10.1001/jamapsychiatry.2017.0080",
        "kind": "guideline",
        "accessed": datetime.date(2026, 9, 1),
    },
]


# How to cite, shown at the top of every Sources block in the editor (clinic/editorial/citations.py
# turns the links into numbered citations with a way back).
CITING_HELP = (
    "List the sources in the order the text first cites them: the first is [1]. To cite "
    "source 2, type [2] in the text after the claim, select it, choose Link, then Anchor "
    "link, and type source-2. A source that is not in the list yet: Choose source, then "
    "Add a source."
)


def sources_before(value, context):
    """How many references the page's Sources blocks before this one list: a second Sources
    block numbers on from the first, so that every entry's id (source-N) is unique."""
    body = getattr((context or {}).get("page"), "body", None)
    if not isinstance(body, StreamValue):
        return 0
    count = 0
    for block in body:
        if block.block_type == "sources":
            if block.value is value:
                return count
            count += len(block.value.get("references") or [])
    return 0


class SourcesBlock(AnchoredBlockMixin, blocks.StructBlock):
    """The references a page rests on, numbered, under a "Sources" heading.

    Entry N has the id `source-N`. Text cites it with a link to the anchor "#source-N" (the
    editor's "Anchor link"), which clinic/editorial/citations.py labels and links back to.
    """

    heading = blocks.CharBlock(default="Sources", max_length=80)
    references = blocks.ListBlock(
        SnippetChooserBlock("clinic.Reference"),
        min_num=1,
        help_text="In the order the text cites them: the first is [1].",
    )

    def get_context(self, value, parent_context=None):
        """`entries`: (number, reference) pairs. A deleted reference keeps its number, so the
        text's citations still point at the right entries."""
        context = super().get_context(value, parent_context)
        first = sources_before(value, parent_context) + 1
        context["entries"] = [
            (number, reference)
            for number, reference in enumerate(value.get("references") or [], start=first)
            if reference is not None
        ]
        return context

    def get_preview_value(self):
        """The three sources checked last, or an example when there are none yet."""
        from clinic.editorial.references import Reference

        value = dict(self.meta.preview_value)
        value["references"] = list(Reference.objects.order_by("-accessed", "title")[:3]) or [
            Reference(**example) for example in PREVIEW_SOURCES
        ]
        return self.normalize(value)

    class Meta:
        preview_value = {"heading": "Sources"}
        icon = "list-ol"
        label = "Sources"
        group = GROUP_SOURCES
        description = "The sources the page rests on, numbered [1], [2]... as the text cites them."
        help_text = CITING_HELP
        template = "blocks/sources_block.html"
        description = "The guidelines, reviews, trials and labels the page rests on, numbered."


class FeesBlock(blocks.StructBlock):
    """Prices from the Fees snippets, so every page that shows a fee shows the same one."""

    heading = blocks.CharBlock(required=False, max_length=80)
    # A new block starts with no fee rows (ListBlock's own default is one empty, required row).
    fees = blocks.ListBlock(
        SnippetChooserBlock("clinic.Fee"),
        min_num=0,
        default=[],
        help_text="The fees to show. Leave empty to show the fees linked to this treatment "
        "(Snippets, Fees); the clinic's fees page then shows every fee.",
    )

    def get_context(self, value, parent_context=None):
        """`fees`: the chosen fees that still exist or, when none were chosen, the default
        fees of the page (one query)."""
        context = super().get_context(value, parent_context)
        chosen = list(value.get("fees") or [])
        if chosen:
            context["fees"] = [fee for fee in chosen if fee is not None]
        else:
            context["fees"] = list(default_fees(parent_context or {}))
        return context

    def get_preview_value(self):
        """Two fees from the Fees list, or an example when it is still empty."""
        from clinic.editorial.fees import Fee

        value = dict(self.meta.preview_value)
        value["fees"] = list(Fee.objects.order_by("sort_order", "service")[:2]) or [
            Fee(**example) for example in PREVIEW_FEES
        ]
        return self.normalize(value)

    class Meta:
        preview_value = {"heading": "What it costs"}
        icon = "tag"
        label = "Fees"
        group = GROUP_SOURCES
        template = "blocks/fees_block.html"
        description = "Prices, what they include and insurance notes, from the Fees list."


def default_fees(context):
    """What a fees block that chose none shows: every fee on the clinic's fees page (or with
    no page at all), else the fees linked to its own page, in the fees' order."""
    from clinic.editorial.fees import Fee

    fees = Fee.objects.order_by("sort_order", "service")
    page = context.get("page")
    if page is None or getattr(page, "pk", None) is None:
        return fees if page is None else fees.none()
    if page.pk == fees_page_id(context.get("request"), page):
        return fees
    return fees.filter(treatments=page.pk)


def fees_page_id(request, page):
    """The id of the page the clinic's settings name as its fees page (None if none)."""
    from wagtail.models import Site

    from clinic.practice.details import ClinicSettings

    if request is not None and Site.find_for_request(request) is not None:
        return ClinicSettings.for_request(request).fees_page_id  # shared by the page's view
    site = page.get_site()
    return ClinicSettings.for_site(site).fees_page_id if site else None


DECONSTRUCT_ALIASES = deconstruct_aliases(SourcesBlock, FeesBlock)
