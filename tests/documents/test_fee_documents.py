"""The `::: fees` section of a document and content/fees.yaml: fee keys become the Fee
snippets, and a key or fee that breaks a rule stops the loader with its file and line."""

import shutil

import pytest
from django.core.management import call_command

from clinic.editorial.fees import Fee
from home.models import StandardPage
from tests.documents.test_demo_documents import CONTENT, edit, line_of, load_fails
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

INFUSION = "treatments/ketamine-infusion-therapy.md"


@pytest.fixture
def content(tmp_path, settings):
    """A copy of content/ to break, which the loader reads instead of the real one."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    settings.DEMO_CONTENT_DIR = copy
    return copy


def fees_blocks(page):
    return [block.value for block in page.body if block.block_type == "fees"]


def test_fee_keys_become_the_fees_in_the_order_listed(site):
    call_command("load_demo_content")
    page = TreatmentPage.objects.get(slug="ketamine-infusion-therapy")
    (block,) = fees_blocks(page)
    assert [fee.service for fee in block["fees"]] == [
        "Initial psychiatric assessment",
        "Ketamine infusion session",
        "Course of six ketamine infusions",
        "Follow-up appointment",
    ]


def test_a_fees_section_without_a_list_shows_every_fee(site):
    call_command("load_demo_content")
    (block,) = fees_blocks(StandardPage.objects.get(slug="fees"))
    assert block["heading"] == "Our fees"
    assert list(block["fees"]) == []
    # The fees are made in the order of fees.yaml.
    assert list(Fee.objects.values_list("sort_order", flat=True)) == [
        10 * n for n in range(1, Fee.objects.count() + 1)
    ]


def test_an_unknown_fee_key_names_the_file_and_line(site, content):
    doc = content / INFUSION
    edit(doc, "- infusion-session\n", "- infusion-sesion\n")
    message = load_fails(site)
    line = line_of(doc, "- infusion-sesion")
    assert f"content/{INFUSION}, line {line}: unknown fee 'infusion-sesion'" in message
    assert "(see content/fees.yaml)" in message


def test_a_fees_section_holds_a_heading_and_a_list_only(site, content):
    doc = content / INFUSION
    edit(doc, "- initial-assessment\n", "Some prose.\n\n- initial-assessment\n")
    message = load_fails(site)
    line = line_of(doc, "::: fees")
    assert f"content/{INFUSION}, line {line}: fees are an optional heading and a list" in message


def test_a_fee_with_a_top_price_below_its_lowest_is_refused(site, content):
    fees = content / "fees.yaml"
    edit(fees, "  price_from: 550\n  price_to: 650\n", "  price_from: 550\n  price_to: 500\n")
    message = load_fails(site)
    line = line_of(fees, "key: kap-dosing-session")
    assert f"content/fees.yaml, line {line}: fee 'kap-dosing-session':" in message
    assert "The highest price cannot be below the lowest." in message


def test_a_fee_field_that_does_not_exist_is_refused(site, content):
    fees = content / "fees.yaml"
    edit(fees, "  unit: per assessment\n", "  units: per assessment\n")
    message = load_fails(site)
    assert f"content/fees.yaml, line {line_of(fees, 'units:')}: unknown field 'units'" in message


def test_no_price_is_typed_into_a_page_document():
    """Prices live in fees.yaml only, so a page and the fees page cannot disagree."""
    for path in CONTENT.rglob("*.md"):
        if path.name != "README.md":
            assert "$" not in path.read_text(), f"{path}: show prices with a ::: fees section"
