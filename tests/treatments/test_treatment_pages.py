"""What a visitor sees on treatment pages and the treatments index."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.rich_text import RichText

from clinic.editorial.disclaimer import MedicalDisclaimer
from clinic.practice.details import ClinicSettings
from tests.factories import ImageFactory, PersonFactory, StandardPageFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


def get_soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def headings(*texts):
    return [("heading", {"text": text, "level": "h2", "anchor": ""}) for text in texts]


def test_three_section_headings_add_a_table_of_contents(client, treatment_index):
    body = [
        *headings("What it is", "Who it may help"),
        (
            "faq",
            {
                "heading": "Questions people ask",
                "heading_level": "h2",
                "items": [{"question": "Q?", "answer": RichText("<p>A.</p>")}],
            },
        ),
        ("heading", {"text": "A detail", "level": "h3", "anchor": ""}),
    ]
    page = TreatmentPageFactory(parent=treatment_index, body=body)
    toc = get_soup(client, page).find("nav", class_="toc")
    links = [(a["href"], a.get_text()) for a in toc.find_all("a")]
    assert links == [
        ("#what-it-is", "What it is"),
        ("#who-it-may-help", "Who it may help"),
        ("#questions-people-ask", "Questions people ask"),
    ]
    assert toc["aria-labelledby"] == "toc-heading"


def test_two_section_headings_show_no_table_of_contents(client, treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, body=headings("One", "Two"))
    assert get_soup(client, page).find("nav", class_="toc") is None


def test_page_ends_with_review_dates_reviewer_and_disclaimer(client, treatment_index):
    MedicalDisclaimer.objects.create(
        title="About this information", text="<p>Not a substitute for advice.</p>"
    )
    page = TreatmentPageFactory(
        parent=treatment_index,
        last_reviewed=datetime.date(2026, 9, 14),
        next_review_due=datetime.date(2027, 9, 14),
        reviewer=PersonFactory(name="Dr. Amara Okafor", credentials="MD, psychiatrist"),
    )
    footer = get_soup(client, page).find("footer", class_="review-info")
    text = footer.get_text(" ", strip=True)
    assert "Page last reviewed: 14 September 2026" in text
    assert "Next review due: 14 September 2027" in text
    assert "Medically reviewed by Dr. Amara Okafor, MD, psychiatrist" in text
    assert "Not a substitute for advice." in text
    assert footer.find("time")["datetime"] == "2026-09-14"


def test_summary_is_the_meta_description_fallback(client, treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, summary="A short, plain summary.")
    meta = get_soup(client, page).find("meta", attrs={"name": "description"})
    assert meta["content"] == "A short, plain summary."


def test_at_a_glance_lists_delivery_methods_session_and_course(client, treatment_index):
    page = TreatmentPageFactory(
        parent=treatment_index,
        delivery_methods=["iv-infusion", "nasal-spray"],
        session_length="About 40 to 60 minutes",
        typical_course="Six sessions",
    )
    glance = get_soup(client, page).find("section", class_="at-a-glance")
    text = glance.get_text(" ", strip=True)
    assert "Infusion into a vein (IV), Nasal spray" in text
    assert "About 40 to 60 minutes" in text and "Six sessions" in text


def test_booking_button_defaults_to_the_clinic_booking_page(
    client, site, home_page, treatment_index
):
    booking = StandardPageFactory(parent=home_page, slug="book")
    clinic = ClinicSettings.for_site(site)
    clinic.booking_page = booking
    clinic.save()
    page = TreatmentPageFactory(parent=treatment_index)
    hrefs = [a["href"] for a in get_soup(client, page).select("main a.button")]
    assert f"/book/?service={page.slug}" in hrefs  # the form preselects this treatment


def test_booking_button_uses_the_page_chosen_on_the_treatment(
    client, site, home_page, treatment_index
):
    chosen = StandardPageFactory(parent=home_page, slug="ask-about-kap")
    page = TreatmentPageFactory(parent=treatment_index, booking_page=chosen)
    hrefs = [a["href"] for a in get_soup(client, page).select("main a.button")]
    assert f"/ask-about-kap/?service={page.slug}" in hrefs


def test_without_any_booking_page_there_is_no_dead_button(client, treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, booking_text="Book now")
    assert "Book now" not in get_soup(client, page).get_text()


def test_index_shows_live_children_as_cards_in_tree_order(client, treatment_index):
    first = TreatmentPageFactory(parent=treatment_index, title="Infusions", summary="Drip.")
    TreatmentPageFactory(parent=treatment_index, title="Hidden draft", live=False)
    second = TreatmentPageFactory(parent=treatment_index, title="Nasal spray", summary="Spray.")
    second.move(first, pos="left")  # the editor drags it up
    html = get_soup(client, treatment_index)
    cards = html.select(".card")
    assert [card.find("a").get_text() for card in cards] == ["Nasal spray", "Infusions"]
    assert cards[0].find("p").get_text() == "Spray."
    assert cards[0].find("picture") is not None
    assert "Hidden draft" not in html.get_text()


def test_index_renders_in_a_fixed_number_of_queries(
    client, treatment_index, django_assert_max_num_queries
):
    for _ in range(2):
        TreatmentPageFactory(parent=treatment_index, hero_image=ImageFactory())
    client.get(treatment_index.url)
    with django_assert_max_num_queries(13):
        client.get(treatment_index.url)
    for _ in range(6):
        TreatmentPageFactory(parent=treatment_index, hero_image=ImageFactory())
    client.get(treatment_index.url)
    with django_assert_max_num_queries(13):
        client.get(treatment_index.url)


def test_structured_data_names_the_review_and_the_questions(client, treatment_index):
    import json

    body = [
        (
            "faq",
            {
                "heading": "Questions people ask",
                "heading_level": "h2",
                "items": [{"question": "Can I drive?", "answer": RichText("<p>No.</p>")}],
            },
        )
    ]
    page = TreatmentPageFactory(
        parent=treatment_index,
        body=body,
        last_reviewed=datetime.date(2026, 9, 14),
        reviewer=PersonFactory(name="Dr. Amara Okafor", credentials="MD, psychiatrist"),
    )
    scripts = get_soup(client, page).find_all("script", type="application/ld+json")
    data = {item["@type"]: item for item in (json.loads(s.string) for s in scripts)}
    assert data["MedicalWebPage"]["lastReviewed"] == "2026-09-14"
    assert data["MedicalWebPage"]["reviewedBy"]["name"] == "Dr. Amara Okafor"
    question = data["FAQPage"]["mainEntity"][0]
    assert question["name"] == "Can I drive?"
    assert question["acceptedAnswer"]["text"] == "No."


def test_clinical_reviewers_edit_the_disclaimer_and_clinicians_do_not(client, reviewer, clinician):
    from django.urls import reverse

    disclaimer = MedicalDisclaimer.objects.create(title="About", text="<p>Old.</p>")
    url = reverse("wagtailsnippets_clinic_medicaldisclaimer:edit", args=[disclaimer.pk])
    client.force_login(reviewer)
    assert client.get(url).status_code == 200
    client.force_login(clinician)
    assert client.get(url).status_code in (302, 403)


def test_repeated_headings_get_unique_ids_that_the_contents_link_to(client, treatment_index):
    body = headings("Side effects", "At a glance", "Side effects")
    page = TreatmentPageFactory(parent=treatment_index, body=body)
    html = get_soup(client, page)
    ids = [tag["id"] for tag in html.find_all(id=True)]
    assert len(ids) == len(set(ids))
    toc_targets = [a["href"].lstrip("#") for a in html.select("nav.toc a")]
    assert toc_targets == ["side-effects", "at-a-glance-2", "side-effects-2"]
    for target in toc_targets:
        assert html.find(id=target).name == "h2"


def test_no_faq_page_in_the_structured_data_without_an_faq(client, treatment_index):
    import json

    page = TreatmentPageFactory(parent=treatment_index, body=[])
    scripts = get_soup(client, page).find_all("script", type="application/ld+json")
    types = {json.loads(script.string)["@type"] for script in scripts}
    assert "MedicalWebPage" in types
    assert "FAQPage" not in types
