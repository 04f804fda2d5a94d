"""The demo site is loaded from the documents in content/: what they say is what the pages show,
and a document that breaks a rule stops the loader with its file, line and problem."""

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils.html import strip_tags
from wagtail.models import Locale, Page

from blog.models import ArticlePage
from clinic.blocks import BodyBlock, missing_sections
from clinic.editorial.people import Person
from tests.factories import signed_off_and_published
from treatments.models import TreatmentPage

CONTENT = Path(settings.BASE_DIR) / "content"
FEES = CONTENT / "fees.yaml"
REFERENCES = CONTENT / "references.yaml"
pytestmark = pytest.mark.django_db


def page_documents():
    """(document, site address) of every document that becomes a page with a body."""
    for path in sorted(CONTENT.rglob("*.md")):
        name = path.relative_to(CONTENT).with_suffix("").as_posix()
        english = name.removeprefix("es/")  # a Spanish document: as the English one it translates
        if (
            path.name != "README.md"
            and not english.endswith("index")
            and english != "book-a-consultation"
            and english != "team"  # an intro only: the people are snippets (test_demo_team.py)
            and english != "check-your-mood"  # fields, no body (tests/selfcheck/test_demo_*.py)
        ):
            yield path, f"/{name}/"


def split(path):
    """The front matter's lines and the body's lines of a document, read line by line."""
    lines = path.read_text().splitlines()
    end = lines.index("---", 1)
    return lines[1:end], lines[end + 1 :]


def expected_blocks(body):
    """Block types as a reader of the document sees them: '## ' or '### ' is a heading, a
    '::: name' section is that block, and each run of other text is one paragraph."""
    types, inside = [], False
    for line in body:
        if inside:
            inside = line != ":::"
        elif line.startswith("::: "):
            types.append(line.split()[1].replace("-", "_"))
            inside = True
        elif line.startswith(("## ", "### ")):
            types.append("heading")
        elif line.strip() and (not types or types[-1] != "paragraph"):
            types.append("paragraph")
    return types


def readable_text(line):
    """The words a visitor reads from one line of a document, without its Markdown."""
    line = re.sub(r"^(#+ |- |— |::: .*|:::$)", "", line.strip())
    line = re.sub(r"\s*\{section: [\w-]+\}$", "", line)
    # A link's text, which may itself be in brackets: a citation "[[2]](#source-2)" reads "[2]".
    line = re.sub(r"!?\[((?:\[[^\]]*\]|[^\]])*)\]\([^)]*\)", r"\1", line).replace("**", "")
    line = re.sub(r"\*([^*\s][^*]*)\*", r"\1", line)  # emphasis: *off-label*
    if set(line) <= set("|- "):
        return []
    return [cell.strip() for cell in line.split("|") if cell.strip()]


def with_fee_services(body):
    """The body's lines, each fee key a `::: fees` section lists replaced by the service it
    names in content/fees.yaml: the page shows the fee, not its key."""
    services = {fee["key"]: fee["service"] for fee in yaml.safe_load(FEES.read_text())}
    section = None
    for line in body:
        if line.startswith("::: ") or line == ":::":
            section = line.split()[1] if line != ":::" else None
        elif section == "fees" and line.startswith("- "):
            line = services[line[2:].strip()]
        yield line


def with_linked_titles(body):
    """The body's lines, each link a `::: related-pages` section lists replaced by the title
    of the page it links to: the block shows the page's own card (a Spanish page's link to an
    English-only page shows the English title)."""
    section = None
    for line in body:
        if line.startswith("::: ") or line == ":::":
            section = line.split()[1] if line != ":::" else None
        elif section == "related-pages" and line.startswith("- ["):
            path = re.search(r"\]\((/[^)]*)\)", line).group(1)
            line = Page.objects.get(url_path=f"/home{path}").title
        yield line


def with_source_titles(body):
    """The body's lines, each source key a `::: sources` section lists replaced by the title
    of the source in content/references.yaml: the page shows the source, not its key."""
    titles = {source["key"]: source["title"] for source in yaml.safe_load(REFERENCES.read_text())}
    section = None
    for line in body:
        if line.startswith("::: ") or line == ":::":
            section = line.split()[1] if line != ":::" else None
        elif section == "sources" and line.startswith("- "):
            line = titles[line[2:].strip()]
        yield line


def shown_text(page):
    rendered = html.unescape(strip_tags(str(page.body.render_as_block())))
    return " ".join(rendered.split())


@pytest.fixture
def demo(site):
    call_command("load_demo_content")


def test_every_page_shows_what_its_document_says(demo):
    checked = 0
    for path, address in page_documents():
        page = Page.objects.get(url_path=f"/home{address.removeprefix('/es')}").specific
        if address.startswith("/es/"):  # a Spanish document: the English page's translation
            page = page.get_translation(Locale.objects.get(language_code="es")).specific
        front, body = split(path)
        assert yaml.safe_load("\n".join(front))["title"] == page.title, path
        assert [block.block_type for block in page.body] == expected_blocks(body), path
        text = shown_text(page)
        for line in with_linked_titles(with_source_titles(with_fee_services(body))):
            for words in readable_text(line):
                assert words in text, f"{path}: {words!r} is not on the page"
        checked += 1
    # Three treatments, twelve articles, four plain pages; in Spanish: three treatments, two
    # articles, two plain pages.
    assert checked >= 26


def test_the_demo_pages_use_every_block_in_the_library(demo):
    pages = [*TreatmentPage.objects.all(), *ArticlePage.objects.all()]
    used = {block.block_type for page in pages for block in page.body}
    assert used == set(BodyBlock().child_blocks)


def test_front_matter_becomes_the_pages_fields(demo):
    infusion = TreatmentPage.objects.get(slug="ketamine-infusion-therapy")
    assert infusion.reviewer.name == "Dr. Amara Okafor"
    assert [r.treatment.slug for r in infusion.related_treatments.all()] == [
        "ketamine-assisted-psychotherapy",
        "esketamine-nasal-spray",
    ]
    article = ArticlePage.objects.get(slug="kap-and-ketamine-infusions-how-they-differ")
    assert [a.person.name for a in article.authors.all()] == ["Dr. Lena Whitfield", "Jonah Reyes"]
    assert {tag.name for tag in article.tags.all()} == {"KAP", "Infusions", "Ketamine"}
    assert article.topic.slug == "ketamine-assisted-psychotherapy"
    assert article.reviewer.name == "Dr. Amara Okafor"
    # Links written as site addresses are links to those pages.
    related = next(block for block in infusion.body if block.block_type == "related_pages")
    assert [page.slug for page in related.value["pages"]] == ["about", "contact"]


def test_loading_again_keeps_editors_changes(demo):
    page = TreatmentPage.objects.get(slug="esketamine-nasal-spray")
    page.title = "Esketamine nasal spray (Spravato)"
    page.body = [("paragraph", "<p>Rewritten by an editor.</p>")]
    signed_off_and_published(page)
    call_command("load_demo_content")
    page = TreatmentPage.objects.get(slug="esketamine-nasal-spray")
    assert page.title == "Esketamine nasal spray (Spravato)"
    assert [block.block_type for block in page.body] == ["paragraph"]


@pytest.fixture
def content(tmp_path, settings):
    """A copy of content/ to break, used by the loader instead of the real one."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    settings.DEMO_CONTENT_DIR = copy
    return copy


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def line_of(path, words):
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if words in line)


def load_fails(site):
    pages, people = Page.objects.count(), Person.objects.count()
    with pytest.raises(CommandError) as failure:
        call_command("load_demo_content")
    # One transaction: nothing is left half-loaded.
    assert (Page.objects.count(), Person.objects.count()) == (pages, people)
    return str(failure.value)


def test_an_unknown_block_names_the_file_and_line(site, content):
    doc = content / "articles" / "a-new-decade-growth-and-emdr.md"
    edit(doc, "::: checklist", "::: checkbox")
    message = load_fails(site)
    line = line_of(doc, "::: checkbox")
    assert f"content/articles/a-new-decade-growth-and-emdr.md, line {line}" in message
    assert "unknown block 'checkbox'" in message


def test_a_missing_title_is_refused(site, content):
    doc = content / "privacy.md"
    edit(doc, "title: Privacy notice\n", "")
    assert "content/privacy.md, line 1: the front matter needs 'title'" in load_fails(site)


def test_a_tag_that_does_not_exist_is_refused(site, content):
    doc = content / "articles" / "a-new-decade-growth-and-emdr.md"
    edit(doc, "- EMDR\n", "- EMDR therapy\n")
    message = load_fails(site)
    assert f"a-new-decade-growth-and-emdr.md, line {line_of(doc, 'tags:')}" in message
    assert "unknown tag 'EMDR therapy'" in message


def test_a_malformed_front_matter_is_refused(site, content):
    doc = content / "treatments" / "esketamine-nasal-spray.md"
    edit(doc, "title: Esketamine nasal spray", "title: [Esketamine nasal spray")
    message = load_fails(site)
    assert "content/treatments/esketamine-nasal-spray.md, line " in message
    assert "malformed front matter" in message


def test_a_link_to_a_page_that_does_not_exist_is_refused(site, content):
    doc = content / "treatments" / "ketamine-infusion-therapy.md"
    edit(doc, "- [Contact us](/contact/)", "- [Contact us](/contact-us/)")
    line = line_of(doc, "(/contact-us/)")
    assert f"ketamine-infusion-therapy.md, line {line}: no page at /contact-us/" in load_fails(site)


def test_a_block_that_breaks_its_own_rules_is_refused(site, content):
    doc = content / "treatments" / "esketamine-nasal-spray.md"
    edit(doc, "### Only in a certified clinic", "### " + "Only in a certified clinic " * 6)
    message = load_fails(site)
    line = line_of(doc, "::: callout warning")
    assert f"esketamine-nasal-spray.md, line {line}: callout: heading:" in message
    assert "at most 120 characters" in message


def test_a_document_no_section_loads_is_not_silently_dropped(site, content):
    (content / "treatments" / "ketamine-lozenges.md").write_text("---\ntitle: Lozenges\n---\n")
    message = load_fails(site)
    assert "content/treatments/index.md" in message
    assert "'ketamine-lozenges' is not listed in pages" in message


def test_the_demo_treatments_have_every_section_a_reviewer_needs(demo):
    for page in TreatmentPage.objects.all():
        assert missing_sections(page.body, page.required_sections) == [], page.slug


def test_an_unknown_section_is_refused(site, content):
    doc = content / "treatments" / "esketamine-nasal-spray.md"
    edit(doc, "{section: cost}", "{section: price}")
    message = load_fails(site)
    line = line_of(doc, "{section: price}")
    assert f"esketamine-nasal-spray.md, line {line}: unknown section 'price'" in message
