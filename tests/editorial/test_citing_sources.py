"""Every demo article cites a real source, as the editorial policy promises; the Sources block
says how to cite; a source missing from the list is added from the block's chooser."""

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from blog.models import ArticlePage
from clinic.blocks.sources import SourcesBlock
from clinic.editorial.references import Reference
from tests.blog.factories import ArticleIndexPageFactory

pytestmark = pytest.mark.django_db

CONTENT = Path(settings.BASE_DIR) / "content"
CHOOSER = "wagtailsnippetchoosers_clinic_reference"
NEW_SOURCE = {
    "authors": "Hayes SC, Luoma JB, Bond FW, Masuda A, Lillis J",
    "title": "Acceptance and Commitment Therapy: Model, processes and outcomes",
    "publisher": "Behaviour Research and Therapy",
    "year": "2006",
    "details": "44(1):1-25",
    "kind": "other",
    "url": "",
    "doi": "10.1016/j.brat.2005.06.006",
    "pmid": "16300724",
    "accessed": "2026-12-01",
}


def as_posted(fields):
    """The chooser's creation form prefixes its fields (the page's form has a title too)."""
    return {f"source-{name}": value for name, value in fields.items()}


def sources_section(text):
    """The keys a document's `::: sources` section lists, in order."""
    match = re.search(r"^::: sources\n(.*?)^:::$", text, re.MULTILINE | re.DOTALL)
    return re.findall(r"^- (\S+)$", match[1], re.MULTILINE) if match else []


def test_every_demo_article_lists_a_source_from_references_yaml_and_cites_each():
    known = {record["key"] for record in yaml.safe_load((CONTENT / "references.yaml").read_text())}
    articles = sorted(path for path in (CONTENT / "articles").glob("*.md") if path.stem != "index")
    assert len(articles) >= 12
    for path in articles:
        text = path.read_text()
        keys = sources_section(text)
        assert keys, f"{path.name} lists no source"
        assert set(keys) <= known, path.name
        for number in range(1, len(keys) + 1):
            assert f"(#source-{number})" in text, f"{path.name} never cites source {number}"


def test_every_loaded_demo_article_shows_its_sources(site):
    call_command("load_demo_content")
    articles = ArticlePage.objects.all()
    assert articles.count() >= 12
    for article in articles:
        listed = [
            reference
            for block in article.body
            if block.block_type == "sources"
            for reference in block.value["references"]
        ]
        assert listed, article.slug


def test_the_sources_block_says_how_to_cite():
    block = SourcesBlock()
    help_text = getattr(block.meta, "help_text", "")
    for words in ("[2]", "Anchor link", "source-2", "Add a source"):
        assert words in help_text
    assert "[1]" in block.child_blocks["references"].meta.help_text


def test_the_article_editor_explains_how_to_cite(client, clinician, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    client.force_login(clinician)
    add = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", index.pk))
    response = client.get(add)
    assert response.status_code == 200
    editor = html.unescape(response.content.decode()).replace("\\u0022", '"')
    assert "choose Link, then Anchor link, and type source-2" in editor


def chooser_html(response):
    return json.loads(response.content)["html"]


@pytest.mark.parametrize("role", ["clinician", "reviewer", "superuser"])
def test_a_new_source_is_added_from_the_blocks_chooser(client, role, request):
    client.force_login(request.getfixturevalue(role))
    chooser = client.get(reverse(f"{CHOOSER}:choose"))
    assert chooser.status_code == 200
    assert "Add a source" in chooser_html(chooser)

    response = client.post(reverse(f"{CHOOSER}:create"), as_posted(NEW_SOURCE))
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["step"] == "chosen"
    source = Reference.objects.get(title=NEW_SOURCE["title"])
    assert answer["result"]["id"] == str(source.pk)
    assert (source.doi, source.accessed.isoformat()) == (NEW_SOURCE["doi"], "2026-12-01")


def test_a_new_source_missing_its_title_comes_back_with_what_was_typed(client, clinician):
    client.force_login(clinician)
    typed = {**NEW_SOURCE, "title": ""}
    response = client.post(reverse(f"{CHOOSER}:create"), as_posted(typed))
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["step"] == "reshow_creation_form"
    assert "This field is required." in answer["htmlFragment"]
    assert NEW_SOURCE["doi"] in answer["htmlFragment"]
    assert not Reference.objects.exists()


def test_booking_managers_are_not_offered_to_add_a_source(client, booking_manager):
    client.force_login(booking_manager)
    response = client.post(reverse(f"{CHOOSER}:create"), as_posted(NEW_SOURCE))
    assert response.status_code in (302, 403)
    assert not Reference.objects.exists()
