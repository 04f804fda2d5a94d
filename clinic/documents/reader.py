"""Reading a document: its front matter, its body as blocks, and the blocks as StreamField data."""

import re
from dataclasses import dataclass, field

import yaml
from django.core.exceptions import ValidationError
from markdown_it.tree import SyntaxTreeNode
from wagtail.blocks import StructBlock
from wagtail.embeds.blocks import EmbedBlock

from clinic.blocks import HEALTH_SECTIONS, BodyBlock
from clinic.documents.markdown import (
    MARKDOWN,
    FeeKey,
    PageLink,
    Picture,
    RichText,
    SourceKey,
    html,
    line,
    plain,
    rich_text,
)
from clinic.documents.sections import SECTIONS
from clinic.serving.page_titles import MAX_TITLE_LENGTH, title_text

SECTION_TAG = re.compile(r"\{section:\s*([\w-]+)\s*\}\s*$")
PAGE_HREF = re.compile(r'<a href="(/[^"]*)">')
CITATION_HREF = re.compile(r'<a href="#source-(\d+)">')
# Every page has them, whatever its kind: its title, and the shorter one search results show.
TITLE_FIELDS = {"title", "seo_title"}


class DocumentError(Exception):
    """A rule of the document format is broken: says where, and what is wrong."""

    def __init__(self, path, line, message):
        super().__init__(f"{path}, line {line}: {message}")


@dataclass
class Document:
    path: str  # as people see it, e.g. content/treatments/esketamine-nasal-spray.md
    slug: str
    meta: dict
    blocks: list = field(default_factory=list)  # (block type, value, line)
    meta_lines: dict = field(default_factory=dict)  # front-matter key: line

    def error(self, line, message):
        return DocumentError(self.path, line, message)

    def line_of(self, key):
        return self.meta_lines.get(key, 1)

    def require(self, key):
        value = self.meta.get(key)
        if value in (None, "", []):
            raise self.error(self.line_of(key), f"the front matter needs '{key}'")
        return value

    def check_keys(self, allowed):
        """Refuse keys the page does not have, so a misspelt field is not silently lost."""
        allowed = {*allowed, *TITLE_FIELDS}
        for key in self.meta:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.error(self.line_of(key), f"unknown field '{key}' (known: {known})")

    def picture(self, key):
        """The front-matter field that names a picture, as a Picture reference."""
        return Picture(self.require(key), self.line_of(key))

    def html(self, key):
        """A front-matter field written in Markdown, as rich text (e.g. a thank-you note)."""
        return html(str(self.require(key)))

    def known(self, key, vocabulary, what, listed_in=""):
        """A front-matter value (or list of values) that must be one of the vocabulary."""
        values = self.meta.get(key) or []
        for value in values if isinstance(values, list) else [values]:
            if value not in vocabulary:
                see = f" (see {listed_in})" if listed_in else ""
                raise self.error(self.line_of(key), f"unknown {what} '{value}'{see}")
        return values


def read(path, root):
    """The document at path (a .md file under root), parsed and checked."""
    name = f"{root.name}/{path.relative_to(root)}"
    source = path.read_text(encoding="utf-8")
    nodes = SyntaxTreeNode(MARKDOWN.parse(source)).children
    if not nodes or nodes[0].type != "front_matter":
        raise DocumentError(name, 1, "the document must start with a front matter between '---'")
    meta, meta_lines = front_matter(name, nodes[0])
    # A folder's index.md is the folder's own page: treatments/index.md is /treatments/.
    slug = path.parent.name if path.stem == "index" else path.stem
    doc = Document(path=name, slug=slug, meta=meta, meta_lines=meta_lines)
    check_title(doc)
    doc.blocks = body(doc, nodes[1:])
    check_citations(doc)
    return doc


def check_title(doc):
    """The title search results show (the `seo_title`, else the `title`) fits in 65 characters:
    they cut a longer one (clinic/serving/page_titles.py)."""
    title = title_text(doc.require("title"))
    seo_title = title_text(doc.meta.get("seo_title"))
    if seo_title and len(seo_title) > MAX_TITLE_LENGTH:
        raise doc.error(
            doc.line_of("seo_title"),
            f"the seo_title has {len(seo_title)} characters: search results show at most "
            f"{MAX_TITLE_LENGTH}",
        )
    if not seo_title and len(title) > MAX_TITLE_LENGTH:
        raise doc.error(
            doc.line_of("title"),
            f"the title has {len(title)} characters, and search results show at most "
            f"{MAX_TITLE_LENGTH}: add a shorter seo_title",
        )


def check_citations(doc):
    """Every citation, "[2]" linked to "#source-2", has its entry in a `::: sources` section."""
    listed = sum(len(value["references"]) for kind, value, _ in doc.blocks if kind == "sources")
    for _, value, at in doc.blocks:
        for text in rich_texts(value):
            for match in CITATION_HREF.finditer(text.html):
                if not 1 <= int(match[1]) <= listed:
                    sources = f"{listed} source{'s' if listed != 1 else ''}" if listed else "none"
                    problem = f"citation #source-{match[1]} has no entry"
                    raise doc.error(text.line or at, f"{problem} (the ::: sources list {sources})")


def rich_texts(value):
    """The rich texts in a block's value, at any depth."""
    if isinstance(value, RichText):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from rich_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from rich_texts(item)


def read_yaml(path, root):
    """A YAML data file (people, settings, pictures): its contents, or a DocumentError."""
    name = f"{root.name}/{path.relative_to(root)}"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise DocumentError(name, line, f"malformed YAML: {error_problem(error)}") from None


def error_problem(error):
    return getattr(error, "problem", None) or str(error).splitlines()[0]


def front_matter(name, node):
    try:
        meta = yaml.safe_load(node.content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # + the opening '---'
        raise DocumentError(name, line, f"malformed front matter: {error_problem(error)}") from None
    if not isinstance(meta, dict):
        raise DocumentError(name, 2, "the front matter must be 'field: value' lines")
    lines = {}
    for number, text in enumerate(node.content.splitlines(), start=2):
        key = text.split(":", 1)[0]
        if ":" in text and not text.startswith((" ", "-", "#")) and key in meta:
            lines.setdefault(key, number)
    return meta, lines


def body(doc, nodes):
    """Top-level Markdown nodes as (block type, value, line) triples."""
    blocks, prose = [], []

    def flush():
        if prose:
            blocks.append(("paragraph", rich_text(prose), line(prose[0])))
            prose.clear()

    for node in nodes:
        if node.type in ("paragraph", "bullet_list", "ordered_list"):
            prose.append(node)
            continue
        flush()
        if node.type == "heading":
            blocks.append(("heading", heading(doc, node), line(node)))
        elif node.type == "container_block":
            blocks.append(container(doc, node))
        else:
            raise doc.error(
                line(node), f"'{node.type}' is not a block: write it as a fenced ':::' section"
            )
    flush()
    return blocks


def heading(doc, node):
    if node.tag not in ("h2", "h3"):
        raise doc.error(line(node), "section headings are '##' or '###' (the title is '# ')")
    text, section = health_section(doc, node, plain(node))
    return {"text": text, "level": node.tag, "anchor": "", "section": section}


def container(doc, node):
    """A fenced section: `::: name options {section: key}`, as (block type, value, line)."""
    info, section = health_section(doc, node, node.info)
    name, *options = info.split() or [""]
    if name not in SECTIONS:
        known = ", ".join(sorted(SECTIONS))
        raise doc.error(line(node), f"unknown block '{name}' (known: {known})")
    value = SECTIONS[name](doc, node, options)
    if section and "section" not in value:
        raise doc.error(line(node), "only headings, checklists and steps start a section")
    if "section" in value:
        value["section"] = section
    return name.replace("-", "_"), value, line(node)


def health_section(doc, node, text):
    """The text without its `{section: key}` tag (the part of a treatment page it starts),
    and the key."""
    match = SECTION_TAG.search(text)
    if not match:
        return text, ""
    if match[1] not in dict(HEALTH_SECTIONS):
        known = ", ".join(dict(HEALTH_SECTIONS))
        raise doc.error(line(node), f"unknown section '{match[1]}' (known: {known})")
    return text[: match.start()].rstrip(), match[1]


def stream(doc, resolve_page, resolve_picture, resolve_fee=None, resolve_source=None):
    """The document's body as StreamField data, every reference resolved and every block
    checked by its own rules (lengths, required parts), as the editor would check it."""
    body_block = BodyBlock()

    def resolve(value):
        if isinstance(value, PageLink):
            return resolve_page(doc, value)
        if isinstance(value, Picture):
            return resolve_picture(doc, value)
        if isinstance(value, FeeKey) and resolve_fee is not None:
            return resolve_fee(doc, value)
        if isinstance(value, SourceKey) and resolve_source is not None:
            return resolve_source(doc, value)
        if isinstance(value, RichText):
            return PAGE_HREF.sub(lambda m: page_anchor(PageLink(m[1], value.line)), value.html)
        if isinstance(value, dict):
            return {key: resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return value

    def page_anchor(link):
        return f'<a linktype="page" id="{resolve_page(doc, link).pk}">'

    data = []
    for block_type, value, at in doc.blocks:
        value = resolve(value)
        try:
            check(body_block.child_blocks[block_type], value)
        except ValidationError as error:
            raise doc.error(at, f"{block_type}: {validation_message(error)}") from None
        data.append((block_type, value))
    return data


def check(block, value):
    """The block's own validation, but for video addresses: finding an embed needs the
    network, and the loader must work offline (the page shows a plain link if none is found)."""
    value = block.normalize(value)
    if not isinstance(block, StructBlock) or not any(
        isinstance(child, EmbedBlock) for child in block.child_blocks.values()
    ):
        block.clean(value)
        return
    for name, child in block.child_blocks.items():
        if not isinstance(child, EmbedBlock):
            child.clean(value.get(name))


def validation_message(error):
    """A block's validation error in one line, with the part that failed."""
    parts = getattr(error, "block_errors", None)
    if isinstance(parts, dict) and parts:
        name, inner = next(iter(parts.items()))
        return f"{name}: {validation_message(inner)}"
    if isinstance(parts, list | tuple) and parts:
        return validation_message(next(part for part in parts if part))
    return " ".join(error.messages)
