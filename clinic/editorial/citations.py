"""Inline citations: "[2]" in the text links to entry 2 of the page's sources, and back.

Editors cite without any custom tool: in rich text they link "[2]" to the anchor "#source-2"
(the link chooser's "Anchor link"). When a page is shown, its rendered body passes through
`link_citations` (the `link_citations` filter in templates/includes/body.html), which:

- gives each citation of an entry that exists on the page an id, `cite-2` for the first,
  `cite-2-b`, `cite-2-c`... for the next ones, a description (the source's title) and, when
  its text is a bare number such as "[2]", the name "Source 2";
- adds to each cited entry a "Back to text" link to the first place that cites it.

A link to an entry the page does not have is left as it is. Only markup this module writes
itself is added: numbers it parsed as integers and fixed words, never text from the page.
"""

import re
import string

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

# Wagtail's rich text keeps an anchor link as the editor stored it: <a href="#source-2">.
CITATION = re.compile(r'<a href="#source-(\d+)">(.*?)</a>', re.DOTALL)
# An entry as templates/blocks/sources_block.html writes it, up to its end.
ENTRY = re.compile(r'(<li id="source-(\d+)" class="sources__entry"[^>]*>)(.*?)(</li>)', re.DOTALL)
BARE_NUMBER = re.compile(r"\[?\s*(\d+)\s*\]?")
TAGS = re.compile(r"<[^>]*>")


def citation_id(number, use):
    """The id of the use-th citation (from 0) of source `number`: cite-2, cite-2-b, cite-2-c..."""
    if use == 0:
        return f"cite-{number}"
    letters = string.ascii_lowercase
    return f"cite-{number}-{letters[use] if use < len(letters) else use + 1}"


def link_citations(html):
    """The rendered body with its citations numbered and its entries linked back to them."""
    html = conditional_escape(html)
    entries = {int(match[2]) for match in ENTRY.finditer(html)}
    if not entries:
        return html
    first_use = {}
    uses = {}

    def cite(match):
        number, text = int(match[1]), match[2]
        if number not in entries:
            return match[0]
        use = uses.get(number, 0)
        uses[number] = use + 1
        anchor = citation_id(number, use)
        first_use.setdefault(number, anchor)
        name = BARE_NUMBER.fullmatch(TAGS.sub("", text).strip())
        return format_html(
            '<a href="#source-{}" id="{}" class="citation"{} aria-describedby="source-{}-title">'
            "{}</a>",
            number,
            anchor,
            format_html(' aria-label="Source {}"', number) if name else "",
            number,
            mark_safe(text),  # noqa: S308 (the page's own rendered, already escaped markup)
        )

    def back_link(match):
        opening, number, content, closing = match[1], int(match[2]), match[3], match[4]
        if number not in first_use:
            return match[0]
        link = format_html(
            ' <a href="#{}" class="sources__back"><span aria-hidden="true">↩ </span>'
            'Back to text<span class="visually-hidden"> citing source {}</span></a>',
            first_use[number],
            number,
        )
        return mark_safe(f"{opening}{content.rstrip()}{link}\n{closing}")  # noqa: S308

    html = CITATION.sub(cite, html)
    return mark_safe(ENTRY.sub(back_link, html))  # noqa: S308 (built from escaped parts)
