"""Markdown as the documents use it, and what a document refers to before the pages exist."""

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


@dataclass(frozen=True)
class PageLink:
    """A page named by its address on the site; found once every demo page exists."""

    path: str
    line: int


@dataclass(frozen=True)
class Picture:
    """A picture named by its key in content/pictures.yaml."""

    key: str
    line: int


@dataclass(frozen=True)
class FeeKey:
    """A fee named by its key in content/fees.yaml."""

    key: str
    line: int


@dataclass(frozen=True)
class SourceKey:
    """A source named by its key in content/references.yaml."""

    key: str
    line: int


@dataclass(frozen=True)
class RichText:
    """Rich text whose links to site addresses become links to pages."""

    html: str
    line: int


def markdown():
    md = MarkdownIt("commonmark").enable("table")
    md.use(front_matter_plugin)
    md.use(container_plugin, "block", validate=lambda params, markup: True)
    # A line break inside a paragraph is a space, as in the rendered page.
    md.add_render_rule("softbreak", lambda *args: " ")
    return md


MARKDOWN = markdown()


def line(node):
    return node.map[0] + 1 if node.map else 0


def plain(node):
    """The text of a node without its Markdown markup."""
    if node.type == "text":
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    if node.type == "code_inline":
        return node.content
    return "".join(plain(child) for child in node.children)


def rich_text(nodes):
    tokens = [token for node in nodes for token in node.to_tokens()]
    html = MARKDOWN.renderer.render(tokens, MARKDOWN.options, {})
    return RichText(markup(html), line(nodes[0]))


def html(text):
    """Markdown text (without blocks) as rich text."""
    return markup(MARKDOWN.render(text))


def markup(rendered):
    """Rendered Markdown in the form Wagtail's editor stores: <b> and <i>, no line breaks."""
    for markdown_tag, wagtail_tag in (("strong", "b"), ("em", "i")):
        rendered = rendered.replace(f"<{markdown_tag}>", f"<{wagtail_tag}>")
        rendered = rendered.replace(f"</{markdown_tag}>", f"</{wagtail_tag}>")
    return BETWEEN_TAGS.sub("><", rendered.strip())
