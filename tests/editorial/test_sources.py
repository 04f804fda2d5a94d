"""Sources: the numbered list a page rests on, the "[n]" citations that link to it and back,
and the block's preview in the editor's picker (JSON-LD and who may keep the sources:
test_sources_schema_and_access.py)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText

from clinic.blocks import BodyBlock, SourcesBlock
from clinic.editorial.citations import citation_id, link_citations
from clinic.editorial.references import Reference
from tests.editorial.sources_data import ACCESSED, paragraph, sources
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def show(client, treatment_index):
    """The treatment page with this body, as a visitor gets it (parsed)."""

    def show(*body):
        page = TreatmentPageFactory(parent=treatment_index, body=list(body))
        response = client.get(page.url)
        assert response.status_code == 200
        return BeautifulSoup(response.content.decode(), "html.parser")

    return show


# The list


def test_the_sources_are_an_ordered_list_folded_in_details_under_a_heading(show, consensus, label):
    html = show(paragraph("<p>Some text.</p>"), sources(consensus, label))
    section = html.select_one("section.sources")
    heading = section.find("h2")
    assert heading.get_text() == "Sources"
    assert section["aria-labelledby"] == heading["id"] == "sources"
    details = section.find("details")
    assert "open" not in details.attrs  # folded: a click or Enter on the summary opens it
    assert details.find("summary").get_text(strip=True) == "Sources (2)"
    entries = details.find("ol").find_all("li", recursive=False)
    assert [entry["id"] for entry in entries] == ["source-1", "source-2"]
    assert section["data-readability"] == "skip"  # titles of papers are not the page's prose


def test_an_entry_says_who_what_where_when_and_links_to_the_source(show, consensus, trial):
    html = show(sources(consensus, trial))
    first, second = html.select("li.sources__entry")
    text = " ".join(first.get_text(" ").split())
    assert text.startswith("Sanacora G, Frye MA, McDonald W, et al. A Consensus Statement")
    assert "JAMA Psychiatry , 2017, 74(4):399-405." in text
    assert "DOI: 10.1001/jamapsychiatry.2017.0080" in text
    assert "Guideline or consensus statement" in text
    assert "Accessed 1 September 2026 ." in text
    assert first.find("time")["datetime"] == "2026-09-01"
    link = first.find("cite").find("a")
    assert link["href"] == "https://doi.org/10.1001/jamapsychiatry.2017.0080"
    assert link.get_text() == consensus.title  # the link says where it goes
    # A source with only a PMID links to PubMed and shows the number.
    assert second.find("cite").find("a")["href"] == "https://pubmed.ncbi.nlm.nih.gov/31109201/"
    assert "PMID: 31109201" in second.get_text()
    assert "Clinical trial" in second.get_text()


def test_what_an_editor_typed_is_escaped(show, label):
    label.title = '<script>alert("x")</script> label'
    label.save()
    html = show(sources(label))
    assert html.select_one("li.sources__entry script") is None
    assert '<script>alert("x")</script> label' in html.select_one("cite").get_text()


def test_a_second_sources_block_numbers_on_from_the_first(show, consensus, label, trial):
    html = show(sources(consensus, label), paragraph("<p>More.</p>"), sources(trial))
    assert [entry["id"] for entry in html.select("li.sources__entry")] == [
        "source-1",
        "source-2",
        "source-3",
    ]
    assert html.select("ol.sources__list")[1].find("li")["value"] == "3"


def test_a_deleted_source_keeps_the_numbers_of_the_others(show, consensus, label, trial):
    page_body = [sources(consensus, label, trial)]
    label.delete()
    html = show(*page_body)
    entries = html.select("li.sources__entry")
    assert [(entry["id"], entry["value"]) for entry in entries] == [
        ("source-1", "1"),
        ("source-3", "3"),
    ]
    assert html.find("summary").get_text(strip=True) == "Sources (2)"


def page_queries(client, page):
    client.get(page.url)  # the first visit makes the image renditions
    cache.clear()  # and the page cache must not answer the second
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_more_sources_take_no_more_queries(client, treatment_index, consensus, label, trial):
    one = TreatmentPageFactory(parent=treatment_index, body=[sources(consensus)])
    others = [
        Reference.objects.create(title=f"Source {n}", publisher="FDA", accessed=ACCESSED)
        for n in range(6)
    ]
    many = TreatmentPageFactory(
        parent=treatment_index,
        body=[sources(consensus, label, *others[:3]), sources(trial, *others[3:])],
    )
    assert page_queries(client, many) == page_queries(client, one)


# Citations


def test_citations_link_to_their_entries_and_the_entries_link_back(show, consensus, label):
    html = show(
        paragraph(
            '<p>Ketamine is off-label <a href="#source-1">[1]</a>. The label says so '
            '<a href="#source-2">[2]</a>, as does the statement <a href="#source-1">[1]</a>.</p>'
        ),
        sources(consensus, label),
    )
    citations = html.select("a.citation")
    assert [link["id"] for link in citations] == ["cite-1", "cite-2", "cite-1-b"]
    assert [link["href"] for link in citations] == ["#source-1", "#source-2", "#source-1"]
    assert [link["aria-label"] for link in citations] == ["Source 1", "Source 2", "Source 1"]
    assert [link.get_text() for link in citations] == ["[1]", "[2]", "[1]"]
    for link in citations:
        assert html.find(id=link["aria-describedby"]).name == "cite"  # the source's title
    back = [entry.select_one("a.sources__back") for entry in html.select("li.sources__entry")]
    assert [link["href"] for link in back] == ["#cite-1", "#cite-2"]  # to the first citation
    assert " ".join(back[0].get_text(" ").split()) == "↩ Back to text citing source 1"
    assert back[0].find(attrs={"aria-hidden": "true"}).get_text(strip=True) == "↩"
    # Every id on the page is unique.
    ids = [element["id"] for element in html.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_a_citation_of_an_entry_the_page_does_not_have_is_left_alone(show, consensus):
    html = show(
        paragraph('<p>Cited <a href="#source-1">[1]</a> and <a href="#source-4">[4]</a>.</p>'),
        sources(consensus),
    )
    missing = html.find("a", href="#source-4")
    assert missing.attrs == {"href": "#source-4"}


def test_an_entry_nobody_cites_has_no_back_link(show, consensus, label):
    html = show(paragraph('<p>Only <a href="#source-2">[2]</a>.</p>'), sources(consensus, label))
    first, second = html.select("li.sources__entry")
    assert first.select_one("a.sources__back") is None
    assert second.select_one("a.sources__back")["href"] == "#cite-2"


def test_citations_in_other_blocks_count_too(show, consensus):
    html = show(
        (
            "callout",
            {
                "kind": "info",
                "heading": "Only in a clinic",
                "text": RichText('<p>Watched for two hours <a href="#source-1">[1]</a>.</p>'),
            },
        ),
        sources(consensus),
    )
    assert html.select_one(".callout a.citation")["id"] == "cite-1"


def test_a_citation_with_words_keeps_its_name_and_gets_a_description(show, consensus):
    html = show(
        paragraph('<p>See <a href="#source-1">the consensus statement</a>.</p>'), sources(consensus)
    )
    link = html.select_one("a.citation")
    assert "aria-label" not in link.attrs
    assert link.get_text() == "the consensus statement"
    assert link["aria-describedby"] == "source-1-title"


def test_a_page_without_sources_is_left_as_it_is(client, treatment_index):
    body = [paragraph('<p>An anchor <a href="#source-1">[1]</a> with nothing to point at.</p>')]
    page = TreatmentPageFactory(parent=treatment_index, body=body)
    html = client.get(page.url).content.decode()
    assert '<a href="#source-1">[1]</a>' in html
    assert "cite-1" not in html


def test_link_citations_escapes_what_is_not_marked_safe():
    text = '<a href="#source-1">[1]</a><li id="source-1" class="sources__entry">x</li>'
    assert link_citations(text) == text.replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;"
    )


def test_link_citations_changes_only_what_it_numbers():
    entry = '<li id="source-1" class="sources__entry" value="1">Title.</li>'
    html = mark_safe(  # noqa: S308 (a fixed test string)
        f'<p><a href="#source-1"><b>[1]</b></a> <a href="/x">x</a></p><ol>{entry}</ol>'
    )
    result = str(link_citations(html))
    assert '<a href="/x">x</a>' in result
    assert 'id="cite-1" class="citation" aria-label="Source 1"' in result
    assert "<b>[1]</b></a>" in result
    assert result.endswith(
        'Title. <a href="#cite-1" class="sources__back"><span aria-hidden="true">↩ </span>'
        'Back to text<span class="visually-hidden"> citing source 1</span></a>\n</li></ol>'
    )


def test_later_citations_of_a_source_get_letters():
    assert [citation_id(2, use) for use in range(4)] == [
        "cite-2",
        "cite-2-b",
        "cite-2-c",
        "cite-2-d",
    ]
    assert citation_id(2, 30) == "cite-2-31"


# The block in the editor's picker


def test_the_picker_preview_shows_an_example_before_there_are_sources():
    block = SourcesBlock()
    value = block.get_preview_value()
    assert [reference.title for reference in value["references"]] == [
        "A Consensus Statement on the Use of Ketamine in the Treatment of Mood Disorders"
    ]
    html = BeautifulSoup(block.render(value), "html.parser")
    assert html.find("summary").get_text(strip=True) == "Sources (1)"
    assert html.find("li")["id"] == "source-1"


def test_the_picker_preview_shows_the_sources_checked_last(consensus, label, trial):
    trial.accessed = datetime.date(2026, 10, 2)
    trial.save()
    value = SourcesBlock().get_preview_value()
    assert [reference.pk for reference in value["references"]][:1] == [trial.pk]
    assert len(value["references"]) == 3


def test_the_editor_previews_the_block_in_the_picker(client, reviewer, consensus):
    block = BodyBlock().child_blocks["sources"]
    client.force_login(reviewer)
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.find("summary").get_text(strip=True) == "Sources (1)"
    assert html.find("li", id="source-1").find("cite").get_text() == consensus.title
