"""What care costs is kept once, as Fee snippets: the fees page and each treatment page's cost
section show the same fee, so changing it changes both; booking managers keep the fees."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clinic.blocks import GROUP_SOURCES, FeesBlock
from clinic.editorial.fees import Fee
from clinic.practice.details import ClinicSettings
from tests.factories import StandardPageFactory
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory, short_body

pytestmark = pytest.mark.django_db


def fees_block(*fees, heading=""):
    return ("fees", {"heading": heading, "fees": list(fees)})


def cost_heading():
    return ("heading", {"text": "Cost and insurance", "level": "h2", "anchor": "", "section": ""})


@pytest.fixture
def assessment():
    return Fee.objects.create(
        service="Initial psychiatric assessment",
        price_from=Decimal("400"),
        unit="per assessment",
        included="An hour with a psychiatrist.",
        insurance="Often covered, depending on your plan.",
        sort_order=10,
    )


@pytest.fixture
def infusion():
    return Fee.objects.create(
        service="Ketamine infusion session",
        price_from=Decimal("450"),
        unit="per session",
        included="The ketamine and a nurse with you.",
        insurance="Rarely covered: the use is off-label.",
        sort_order=20,
    )


@pytest.fixture
def fees_page(site, home_page, assessment, infusion):
    """The fees page, with a fees block that chooses no fees (so it shows them all), set as
    the clinic's fees page."""
    page = StandardPageFactory(
        parent=home_page, title="Fees and insurance", slug="fees", body=[fees_block()]
    )
    clinic = ClinicSettings.for_site(site)
    clinic.fees_page = page
    clinic.save()
    return page


@pytest.fixture
def treatment(site, home_page, infusion):
    index = TreatmentIndexPageFactory(parent=home_page)
    return TreatmentPageFactory(
        parent=index,
        title="Ketamine infusion therapy",
        body=[*short_body(), cost_heading(), fees_block(infusion)],
    )


def html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_treatment_page_and_the_fees_page_show_the_same_fee(
    client, fees_page, treatment, infusion
):
    assert "$450 per session" in html(client, treatment)
    assert "$450 per session" in html(client, fees_page)

    infusion.price_from = Decimal("475")
    infusion.save()

    for page in (treatment, fees_page):
        text = html(client, page)
        assert "$475 per session" in text
        assert "$450" not in text


def test_a_changed_fee_is_not_served_from_the_page_cache(client, settings, fees_page, infusion):
    settings.PAGE_CACHE_ENABLED = True
    client.get(fees_page.url)
    assert client.get(fees_page.url)["X-Page-Cache"] == "hit"
    infusion.price_from = Decimal("480")
    infusion.save()
    assert "$480 per session" in html(client, fees_page)


def test_a_fees_block_with_no_fees_chosen_shows_every_fee_in_sort_order(
    client, fees_page, assessment, infusion
):
    Fee.objects.create(service="Follow-up appointment", price_from=Decimal("150"), sort_order=15)
    text = html(client, fees_page)
    positions = [
        text.index(service)
        for service in (
            "Initial psychiatric assessment",
            "Follow-up appointment",
            "Ketamine infusion session",
        )
    ]
    assert positions == sorted(positions)


def test_every_fee_comes_from_one_query(django_assert_num_queries, assessment, infusion):
    block = FeesBlock()
    value = block.to_python({"heading": "", "fees": []})
    with django_assert_num_queries(1):
        context = block.get_context(value)
    assert context["fees"] == [assessment, infusion]


def test_a_treatment_page_shows_only_its_chosen_fees(client, treatment, assessment):
    text = html(client, treatment)
    assert "Ketamine infusion session" in text
    assert "The ketamine and a nurse with you." in text
    assert "Rarely covered: the use is off-label." in text
    assert "Initial psychiatric assessment" not in text


def test_a_deleted_fee_disappears_without_showing_every_other_fee(
    client, treatment, infusion, assessment
):
    infusion.delete()
    text = html(client, treatment)
    assert "Ketamine infusion session" not in text
    assert "Initial psychiatric assessment" not in text


def test_a_fees_block_on_a_treatment_page_links_to_the_fees_page(client, fees_page, treatment):
    assert 'href="/fees/">All fees and insurance</a>' in html(client, treatment)
    # The fees page does not link to itself.
    assert "All fees and insurance" not in html(client, fees_page)


def test_no_link_to_the_fees_page_until_there_is_one(client, treatment):
    assert "All fees and insurance" not in html(client, treatment)


@pytest.mark.parametrize(
    ("price_from", "price_to", "unit", "shown"),
    [
        ("450", None, "per session", "$450 per session"),
        ("2400", None, "for six sessions", "$2,400 for six sessions"),
        ("99.50", None, "per visit", "$99.50 per visit"),
        ("450", "600", "per session", "$450 to $600 per session"),
        ("450", "450", "per session", "$450 per session"),
        ("180", None, "", "$180"),
    ],
)
def test_price_formatting(price_from, price_to, unit, shown):
    fee = Fee(
        service="A service",
        price_from=Decimal(price_from),
        price_to=Decimal(price_to) if price_to else None,
        unit=unit,
    )
    assert fee.price == shown


def test_a_price_range_is_shown_on_the_page(client, fees_page):
    Fee.objects.create(
        service="KAP ketamine session",
        price_from=Decimal("550"),
        price_to=Decimal("650"),
        unit="per session",
    )
    assert "$550 to $650 per session" in html(client, fees_page)


def test_the_block_picker_has_a_description_a_group_and_a_preview():
    block = FeesBlock()
    assert block.meta.description
    assert block.meta.group == GROUP_SOURCES
    # With no fees yet, the preview shows an example; it renders without a database row.
    preview = block.get_preview_value()
    assert len(preview["fees"]) == 2
    assert "$450 to $550 per session" in block.render(preview)


def test_the_preview_shows_the_clinics_own_fees_once_there_are_some(assessment, infusion):
    assert list(FeesBlock().get_preview_value()["fees"]) == [assessment, infusion]


# Who keeps the fees


def edit_url(fee):
    return reverse("wagtailsnippets_clinic_fee:edit", args=[fee.pk])


def form_data(**changes):
    data = {
        "service": "Ketamine infusion session",
        "price_from": "450",
        "price_to": "",
        "unit": "per session",
        "included": "The ketamine and a nurse with you.",
        "insurance": "Rarely covered.",
        "sort_order": "20",
    }
    return {**data, **changes}


def test_booking_managers_change_fees(client, booking_manager, infusion):
    client.force_login(booking_manager)
    assert client.get(edit_url(infusion)).status_code == 200
    response = client.post(edit_url(infusion), form_data(price_from="500"))
    assert response.status_code == 302
    infusion.refresh_from_db()
    assert infusion.price_from == Decimal("500")


def test_booking_managers_add_fees(client, booking_manager):
    client.force_login(booking_manager)
    response = client.post(
        reverse("wagtailsnippets_clinic_fee:add"), form_data(service="Booster infusion")
    )
    assert response.status_code == 302
    assert Fee.objects.filter(service="Booster infusion").exists()


@pytest.mark.parametrize("user_fixture", ["clinician", "reviewer"])
def test_clinicians_and_reviewers_see_fees_but_cannot_change_them(
    request, client, user_fixture, infusion
):
    client.force_login(request.getfixturevalue(user_fixture))
    listing = client.get(reverse("wagtailsnippets_clinic_fee:list"))
    assert listing.status_code == 200
    assert "Ketamine infusion session" in listing.content.decode()
    assert client.get(edit_url(infusion)).status_code != 200
    client.post(edit_url(infusion), form_data(price_from="1"))
    infusion.refresh_from_db()
    assert infusion.price_from == Decimal("450")


def test_a_top_price_below_the_lowest_is_refused_with_a_message(client, booking_manager):
    client.force_login(booking_manager)
    response = client.post(
        reverse("wagtailsnippets_clinic_fee:add"),
        form_data(price_from="600", price_to="450"),
    )
    assert response.status_code == 200
    assert "The highest price cannot be below the lowest." in response.content.decode()
    assert not Fee.objects.exists()
