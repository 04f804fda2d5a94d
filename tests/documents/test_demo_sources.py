"""The demo's sources: content/references.yaml becomes the Sources snippets, a document lists
them in a `::: sources` section and cites them as "[[n]](#source-n)"; a mistake stops the loader
with the file and line."""

import shutil

import pytest
import yaml
from django.core.management import call_command

from clinic.editorial.references import Reference
from tests.documents.test_demo_documents import CONTENT, edit, line_of, load_fails
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

REFERENCES = CONTENT / "references.yaml"
ESKETAMINE = "treatments/esketamine-nasal-spray.md"


@pytest.fixture
def demo(site):
    call_command("load_demo_content")


@pytest.fixture
def content(tmp_path, settings):
    """A copy of content/ to break, used by the loader instead of the real one."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    settings.DEMO_CONTENT_DIR = copy
    return copy


def test_every_demo_treatment_lists_at_least_three_sources_and_cites_them(demo):
    for page in TreatmentPage.objects.all():
        listed = [
            reference
            for block in page.body
            if block.block_type == "sources"
            for reference in block.value["references"]
        ]
        assert len(listed) >= 3, page.slug
        text = "".join(str(block.value) for block in page.body if block.block_type == "paragraph")
        for number in range(1, len(listed) + 1):
            assert f'href="#source-{number}"' in text, (page.slug, number)


def test_the_sources_are_the_records_of_references_yaml(demo):
    records = yaml.safe_load(REFERENCES.read_text())
    assert Reference.objects.count() == len(records)
    for record in records:
        reference = Reference.objects.get(title=record["title"])
        assert reference.accessed == record["accessed"]
        assert reference.link, record["key"]  # every demo source can be opened and checked


def test_loading_again_keeps_editors_changes_to_sources(demo):
    reference = Reference.objects.get(doi="10.1001/jamapsychiatry.2017.0080")
    reference.accessed = reference.accessed.replace(year=2027)
    reference.save()
    call_command("load_demo_content")
    assert Reference.objects.get(pk=reference.pk).accessed.year == 2027
    assert Reference.objects.filter(title=reference.title).count() == 1


def test_an_unknown_source_names_the_file_and_line(site, content):
    doc = content / ESKETAMINE
    edit(doc, "- popova-2019\n", "- popova-2020\n")
    message = load_fails(site)
    line = line_of(doc, "- popova-2020")
    assert f"content/{ESKETAMINE}, line {line}: unknown source 'popova-2020'" in message
    assert "(see content/references.yaml)" in message


def test_a_citation_without_its_source_names_the_file_and_line(site, content):
    doc = content / ESKETAMINE
    edit(doc, "[[3]](#source-3). They", "[[4]](#source-4). They")
    message = load_fails(site)
    line = line_of(doc, "## Side effects and risks") + 2  # the paragraph under the heading
    assert f"content/{ESKETAMINE}, line {line}: citation #source-4 has no entry" in message
    assert "(the ::: sources list 3 sources)" in message


def test_a_sources_section_is_a_list_of_keys(site, content):
    doc = content / ESKETAMINE
    edit(
        doc, "- fda-esketamine-approval-2019\n- popova-2019\n- spravato-label\n", "Three papers.\n"
    )
    message = load_fails(site)
    line = line_of(doc, "::: sources")
    assert f"content/{ESKETAMINE}, line {line}: sources are an optional heading" in message


def test_a_source_with_an_unknown_field_is_refused(site, content):
    records = content / "references.yaml"
    edit(records, "  kind: trial\n", "  type: trial\n")
    message = load_fails(site)
    assert "content/references.yaml, line" in message
    assert "unknown field 'type'" in message


def test_a_source_that_breaks_the_models_rules_names_its_record(site, content):
    records = content / "references.yaml"
    edit(records, "  kind: trial\n", "  kind: anecdote\n")
    message = load_fails(site)
    line = line_of(records, "key: murrough-2013")
    assert f"content/references.yaml, line {line}: kind:" in message
    assert Reference.objects.count() == 0  # one transaction: nothing is left half-loaded
