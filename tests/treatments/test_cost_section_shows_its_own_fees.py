"""The cost section of a treatment page: a new fees block starts empty, a cost section that
shows no fee is missing (submission is refused), and a page shows only the fees it chooses or,
choosing none, the fees linked to its own treatment; only the fees page shows every fee."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text

from clinic.blocks import FeesBlock, missing_sections
from clinic.editorial.fees import Fee
from clinic.practice.details import ClinicSettings
from tests.factories import StandardPageFactory
from tests.treatments.admin_forms import (
    complete_body,
    example_fee,
    fees,
    section,
    treatment_form_data,
)
from tests.treatments.factories import TreatmentPageFactory
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

COST = "Cost and insurance"


def cost_heading():
    return ("heading", {"text": COST, "level": "h2", "anchor": "", "section": "cost"})


def paragraph(text="Plain words about what it costs."):
    """As the editor posts it."""
    return ("paragraph", rich_text(f"<p>{text}</p>"))


def stored_paragraph(text="Plain words about what it costs."):
    """As a page stores it."""
    return ("paragraph", RichText(f"<p>{text}</p>"))


@pytest.fixture
def infusion():
    return Fee.objects.create(service="Ketamine infusion session", price_from=Decimal("450"))


@pytest.fixture
def assessment():
    return Fee.objects.create(service="Initial psychiatric assessment", price_from=Decimal("400"))


def test_a_new_fees_block_starts_with_no_fee_rows():
    """ListBlock's own default is one empty (and required) row, which the editor must delete."""
    assert list(FeesBlock().get_default()["fees"]) == []
    assert list(FeesBlock().child_blocks["fees"].get_default()) == []


# Submission refuses a cost section that shows no fee


def submit(client, clinician, index, cost_section):
    client.force_login(clinician)
    body = [block for block in complete_body() if block[0] != "fees"]
    start = body.index(section("cost", COST)[0])
    body[start : start + 2] = cost_section  # the heading and its paragraph
    data = treatment_form_data(body=body)
    data["action-submit"] = "action-submit"
    return client.post(
        reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", index.pk)), data
    )


@pytest.mark.parametrize(
    "cost_section",
    [
        pytest.param([cost_heading(), paragraph()], id="no fees block"),
        pytest.param([cost_heading(), paragraph(), fees()], id="a fees block with no fees"),
        pytest.param([cost_heading(), fees()], id="only an empty fees block"),
    ],
)
def test_a_cost_section_that_shows_no_fee_blocks_submission(
    client, clinician, treatment_index, cost_section
):
    response = submit(client, clinician, treatment_index, cost_section)
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error == f"Before you submit for review, add these sections: {COST}."
    assert not TreatmentPage.objects.exists()


def test_a_cost_section_with_a_chosen_fee_may_be_submitted(client, clinician, treatment_index):
    cost = [cost_heading(), paragraph(), fees(example_fee())]
    response = submit(client, clinician, treatment_index, cost)
    assert response.status_code == 302, response.context["form"].errors
    assert TreatmentPage.objects.get().workflow_in_progress


def test_a_fees_block_in_another_section_does_not_count(infusion):
    page = TreatmentPageFactory.build()
    page.body = [
        cost_heading(),
        stored_paragraph(),
        ("heading", {"text": "Questions", "level": "h2", "anchor": "", "section": ""}),
        ("fees", {"heading": "", "fees": [infusion.pk]}),
    ]
    assert missing_sections(page.body, ["cost"]) == [COST]


def test_an_empty_fees_block_counts_when_the_treatment_has_fees_of_its_own(
    treatment_index, infusion
):
    page = TreatmentPageFactory(
        parent=treatment_index, body=[cost_heading(), ("fees", {"heading": "", "fees": []})]
    )
    assert missing_sections(page.body, ["cost"], page=page) == [COST]
    infusion.treatments.add(page)
    assert missing_sections(page.body, ["cost"], page=page) == []


# What a page shows


def html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_page_that_chooses_no_fees_shows_its_own_treatments_fees_only(
    client, treatment_index, infusion, assessment
):
    page = TreatmentPageFactory(
        parent=treatment_index, body=[cost_heading(), ("fees", {"heading": "", "fees": []})]
    )
    other = TreatmentPageFactory(parent=treatment_index, title="Esketamine")
    infusion.treatments.add(page)
    assessment.treatments.add(other)
    text = html(client, page)
    assert "Ketamine infusion session" in text
    assert "Initial psychiatric assessment" not in text


def test_a_page_whose_treatment_has_no_fees_shows_none(
    client, treatment_index, infusion, assessment
):
    page = TreatmentPageFactory(
        parent=treatment_index, body=[cost_heading(), ("fees", {"heading": "", "fees": []})]
    )
    text = html(client, page)
    assert "Ketamine infusion session" not in text
    assert "Initial psychiatric assessment" not in text


def test_the_fees_page_still_shows_every_fee(client, site, home_page, infusion, assessment):
    page = StandardPageFactory(
        parent=home_page, title="Fees", slug="fees", body=[("fees", {"heading": "", "fees": []})]
    )
    clinic = ClinicSettings.for_site(site)
    clinic.fees_page = page
    clinic.save()
    text = html(client, page)
    assert "Ketamine infusion session" in text and "Initial psychiatric assessment" in text


def test_booking_managers_link_a_fee_to_its_treatments(
    client, booking_manager, treatment_index, infusion
):
    page = TreatmentPageFactory(parent=treatment_index, title="Ketamine infusion therapy")
    client.force_login(booking_manager)
    url = reverse("wagtailsnippets_clinic_fee:edit", args=[infusion.pk])
    form = client.get(url).content.decode()
    assert f'value="{page.pk}"' in form and "Ketamine infusion therapy" in form
    data = {
        "service": infusion.service,
        "price_from": "450",
        "price_to": "",
        "unit": "",
        "included": "",
        "insurance": "",
        "treatments": [str(page.pk)],
        "sort_order": "0",
    }
    assert client.post(url, data).status_code == 302
    assert list(infusion.treatments.all()) == [page.page_ptr]


def test_linking_a_fee_to_a_treatment_is_not_served_from_the_page_cache(
    client, settings, treatment_index, infusion
):
    settings.PAGE_CACHE_ENABLED = True
    page = TreatmentPageFactory(
        parent=treatment_index, body=[cost_heading(), ("fees", {"heading": "", "fees": []})]
    )
    assert "Ketamine infusion session" not in html(client, page)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    infusion.treatments.add(page)
    assert "Ketamine infusion session" in html(client, page)
