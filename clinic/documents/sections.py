"""The fenced sections of a document (`::: name`): one function per block of the library."""

import re

from clinic.blocks import CALLOUT_KINDS
from clinic.documents.markdown import (
    FeeKey,
    PageLink,
    Picture,
    RichText,
    SourceKey,
    line,
    plain,
    rich_text,
)

CHECKLIST_TONES = ("positive", "caution", "neutral")
ATTRIBUTION = re.compile(r"^(?:—|--)\s*")


def titled(doc, node, required=True):
    """A section's heading (its text and level) and the nodes after it."""
    children = node.children
    if children and children[0].type == "heading":
        return plain(children[0]), children[0].tag, children[1:]
    if required:
        raise doc.error(line(node), "this block starts with a heading ('## ...' or '### ...')")
    return "", "h2", children


def one_option(doc, node, options, allowed, default):
    if not options:
        return default
    if len(options) > 1 or options[0] not in allowed:
        raise doc.error(line(node), f"choose one of: {', '.join(allowed)}")
    return options[0]


def sub_sections(doc, node, rest):
    """'### Title' followed by text, for steps and FAQs: (title, rich text) pairs."""
    items = []
    for child in rest:
        if child.type == "heading":
            items.append((plain(child), []))
        elif not items:
            raise doc.error(line(child), "each item starts with a '###' heading")
        else:
            items[-1][1].append(child)
    if not items:
        raise doc.error(line(node), "add at least one '###' item")
    return [(title, rich_text(text) if text else RichText("", 0)) for title, text in items]


def paragraphs(doc, node, rest, what):
    texts = [plain(child) for child in rest if child.type == "paragraph"]
    if len(texts) != len(rest):
        raise doc.error(line(node), f"{what} holds plain paragraphs only")
    return texts


def callout(doc, node, options):
    kinds = [kind for kind, _ in CALLOUT_KINDS]
    kind = one_option(doc, node, options, kinds, "info")
    title, _, rest = titled(doc, node)
    return {"kind": kind, "heading": title, "text": rich_text(rest)}


def checklist(doc, node, options):
    tone = one_option(doc, node, options, CHECKLIST_TONES, "neutral")
    title, level, rest = titled(doc, node)
    if len(rest) != 1 or rest[0].type != "bullet_list":
        raise doc.error(line(node), "a checklist is a heading and one bulleted list")
    items = [plain(item) for item in rest[0].children]
    return {"heading": title, "heading_level": level, "section": "", "tone": tone, "items": items}


def steps(doc, node, options):
    return {"section": "", **heading_and_items(doc, node, "steps", ("title", "text"))}


def faq(doc, node, options):
    return heading_and_items(doc, node, "items", ("question", "answer"))


def heading_and_items(doc, node, key, names):
    """A heading, then '###' items with their text: steps, or questions and answers."""
    title, level, rest = titled(doc, node)
    items = [dict(zip(names, item, strict=True)) for item in sub_sections(doc, node, rest)]
    return {"heading": title, "heading_level": level, key: items}


def quote(doc, node, options):
    consent = one_option(doc, node, options, ["consent"], "") == "consent"
    texts = paragraphs(doc, node, node.children, "a quote")
    if len(texts) < 2 or not ATTRIBUTION.match(texts[-1]):
        raise doc.error(line(node), "end a quote with its attribution: '— who said it'")
    return {
        "quote": "\n\n".join(texts[:-1]),
        "attribution": ATTRIBUTION.sub("", texts[-1]),
        "shared_with_consent": consent,
    }


def only_link(doc, child, what):
    """The link that is a paragraph's whole content: (text, target)."""
    inline = child.children[0] if child.type == "paragraph" and child.children else None
    links = [n for n in inline.children if n.type == "link"] if inline else []
    if len(links) != 1:
        raise doc.error(line(child), f"{what} is one link: [text](address)")
    return plain(links[0]), links[0].attrs["href"]


def target(href, at):
    """A link's target: a page when it is an address on this site, else a web address."""
    return PageLink(href, at) if href.startswith("/") else href


def call_to_action(doc, node, options):
    title, _, rest = titled(doc, node, required=False)
    if not rest:
        raise doc.error(line(node), "a call to action ends with its button: [text](address)")
    button, href = only_link(doc, rest[-1], "the button")
    text = " ".join(paragraphs(doc, node, rest[:-1], "a call to action"))
    link = target(href, line(rest[-1]))
    page, url = (link, "") if isinstance(link, PageLink) else (None, link)
    return {"heading": title, "text": text, "page": page, "url": url, "button_text": button}


def crisis_help(doc, node, options):
    title, _, rest = titled(doc, node, required=False)
    text = " ".join(paragraphs(doc, node, rest, "crisis help"))
    return {"heading": title or "Need help now?", "text": text}


def table(doc, node, options):
    caption, _, rest = titled(doc, node)
    if len(rest) != 1 or rest[0].type != "table":
        raise doc.error(line(node), "a table block is a heading (its caption) and one table")
    head, *bodies = rest[0].children
    headings = [plain(cell) for cell in head.children[0].children]
    rows = [[plain(cell) for cell in row.children] for part in bodies for row in part.children]
    return {
        "caption": caption,
        "columns": [{"type": "text", "heading": text} for text in headings],
        "rows": [{"values": values} for values in rows],
    }


def related_pages(doc, node, options):
    title, level, rest = titled(doc, node)
    if len(rest) != 1 or rest[0].type != "bullet_list":
        raise doc.error(line(node), "related pages are a heading and a list of page links")
    pages = []
    for item in rest[0].children:
        _, href = only_link(doc, item.children[0], "each related page")
        if not href.startswith("/"):
            raise doc.error(line(item), "related pages are pages of this site: /their/address/")
        pages.append(PageLink(href, line(item)))
    return {"heading": title, "heading_level": level, "pages": pages}


def fees(doc, node, options):
    """An optional heading, then an optional list of fee keys (content/fees.yaml): no list
    shows every fee on the fees page, the page's own treatment's fees elsewhere."""
    title, _, rest = titled(doc, node, required=False)
    if len(rest) > 1 or (rest and rest[0].type != "bullet_list"):
        raise doc.error(line(node), "fees are an optional heading and a list of fee keys")
    keys = [FeeKey(plain(item).strip(), line(item)) for item in rest[0].children] if rest else []
    return {"heading": title, "fees": keys}


def sources(doc, node, options):
    """An optional heading ("Sources" when left out), then a list of source keys
    (content/references.yaml), in the order the text cites them: the first is [1]."""
    title, _, rest = titled(doc, node, required=False)
    if len(rest) != 1 or rest[0].type != "bullet_list":
        raise doc.error(line(node), "sources are an optional heading and a list of source keys")
    keys = [SourceKey(plain(item).strip(), line(item)) for item in rest[0].children]
    return {"heading": title or "Sources", "references": keys}


def image(doc, node, options):
    first, *rest = node.children or [None]
    inline = first.children[0] if first is not None and first.type == "paragraph" else None
    pictures = [n for n in inline.children if n.type == "image"] if inline else []
    if len(pictures) != 1:
        raise doc.error(line(node), "an image block starts with ![alt text](picture key)")
    alt = plain(pictures[0])
    caption = " ".join(paragraphs(doc, node, rest, "an image's caption"))
    return {
        "image": Picture(pictures[0].attrs["src"], line(first)),
        "alt_text": alt,
        "decorative": not alt,
        "caption": caption,
    }


def video(doc, node, options):
    if not node.children:
        raise doc.error(line(node), "a video block starts with [title](address of the video)")
    title, url = only_link(doc, node.children[0], "the video")
    description = " ".join(paragraphs(doc, node, node.children[1:], "a video's description"))
    return {"video": url, "title": title, "description": description}


SECTIONS = {
    "callout": callout,
    "checklist": checklist,
    "steps": steps,
    "faq": faq,
    "quote": quote,
    "call-to-action": call_to_action,
    "crisis-help": crisis_help,
    "table": table,
    "related-pages": related_pages,
    "fees": fees,
    "image": image,
    "video": video,
    "sources": sources,
}
