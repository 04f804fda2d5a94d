"""Clinicians get validation messages, never server errors, for the library's rules."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import rich_text

from clinic.blocks import CallToActionBlock, ImageBlock, TableBlock
from tests.factories import ImageFactory, PersonFactory, StandardPageFactory
from tests.treatments.admin_forms import treatment_form_data
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", parent.pk))


def cta_value(page=None, url=""):
    return CallToActionBlock().to_python(
        {
            "heading": "",
            "text": "",
            "page": page.pk if page else None,
            "url": url,
            "button_text": "Book",
        }
    )


def test_call_to_action_with_a_page_and_a_url_is_refused(home_page):
    page = StandardPageFactory(parent=home_page)
    with pytest.raises(StructBlockValidationError) as error:
        CallToActionBlock().clean(cta_value(page, "https://example.org/"))
    assert "not both" in str(error.value.block_errors["url"])


def test_call_to_action_with_neither_target_is_refused():
    with pytest.raises(StructBlockValidationError) as error:
        CallToActionBlock().clean(cta_value())
    assert "Choose a page or enter a URL" in str(error.value.block_errors["page"])


def test_call_to_action_with_one_target_is_accepted(home_page):
    page = StandardPageFactory(parent=home_page)
    assert CallToActionBlock().clean(cta_value(page))["page"].pk == page.pk
    assert CallToActionBlock().clean(cta_value(url="https://example.org/"))["url"]


def image_value(alt_text="", decorative=False):
    return ImageBlock().to_python(
        {"image": ImageFactory().pk, "alt_text": alt_text, "decorative": decorative, "caption": ""}
    )


def test_image_without_alt_text_that_is_not_decorative_is_refused():
    with pytest.raises(StructBlockValidationError) as error:
        ImageBlock().clean(image_value())
    assert "Add alt text" in str(error.value.block_errors["alt_text"])


def test_image_with_alt_text_or_marked_decorative_is_accepted():
    assert ImageBlock().clean(image_value(alt_text="A calm room"))["alt_text"] == "A calm room"
    assert ImageBlock().clean(image_value(decorative=True))["decorative"] is True


def test_table_without_caption_is_refused():
    block = TableBlock()
    value = block.to_python(
        {
            "caption": "",
            "columns": [{"type": "text", "heading": "Item"}],
            "rows": [{"values": ["Assessment"]}],
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.fixture
def editor(client, superuser):
    client.force_login(superuser)
    return client


CTA_BOTH = (
    "call_to_action",
    {"heading": "", "text": "", "page": "", "url": "https://example.org/", "button_text": "Go"},
)


def test_editor_shows_an_error_for_a_call_to_action_with_both_targets(
    editor, home_page, treatment_index
):
    target = StandardPageFactory(parent=home_page)
    cta = dict(CTA_BOTH[1], page=str(target.pk))
    data = treatment_form_data(body=[("call_to_action", cta)], reviewer=PersonFactory())
    data["action-publish"] = "action-publish"
    response = editor.post(add_url(treatment_index), data)
    assert response.status_code == 200
    assert "Choose a page or enter a URL, not both." in response.content.decode()
    assert not TreatmentPage.objects.exists()


def test_editor_shows_an_error_for_a_call_to_action_with_no_target(editor, treatment_index):
    cta = dict(CTA_BOTH[1], url="")
    data = treatment_form_data(body=[("call_to_action", cta)], reviewer=PersonFactory())
    response = editor.post(add_url(treatment_index), data)
    assert response.status_code == 200
    assert "Choose a page or enter a URL for the button." in response.content.decode()
    assert not TreatmentPage.objects.exists()


def test_editor_shows_an_error_for_an_image_without_alt_text(editor, treatment_index):
    image = {"image": str(ImageFactory().pk), "alt_text": "", "caption": ""}
    data = treatment_form_data(body=[("image", image)], reviewer=PersonFactory())
    response = editor.post(add_url(treatment_index), data)
    assert response.status_code == 200
    assert "Add alt text that describes the image" in response.content.decode()
    assert not TreatmentPage.objects.exists()


def test_a_draft_may_leave_out_the_review_metadata(editor, treatment_index):
    data = treatment_form_data(reviewer=None, last_reviewed="")
    response = editor.post(add_url(treatment_index), data)
    assert response.status_code == 302
    page = TreatmentPage.objects.get()
    assert not page.live
    assert not page.has_review_metadata


def test_paragraph_rich_text_has_no_h1_or_raw_html_features():
    from clinic.blocks import ParagraphBlock

    features = ParagraphBlock().features
    assert "h1" not in features and "h2" not in features
    assert "embed" not in features and "image" not in features
    assert {"bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"} <= set(features)


def test_rich_text_helper_is_usable(editor):
    # Guards the form helpers this module relies on.
    assert rich_text("<p>x</p>")
