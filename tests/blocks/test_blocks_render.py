"""Each block in the library renders semantic, accessible HTML."""

import pytest
from bs4 import BeautifulSoup

from clinic.blocks import BodyBlock, CalloutBlock, ImageBlock
from clinic.practice.details import ClinicSettings
from tests.factories import ImageFactory, StandardPageFactory
from tests.treatments.factories import TreatmentPageFactory, every_block_body

pytestmark = pytest.mark.django_db


def soup(html):
    return BeautifulSoup(html, "html.parser")


@pytest.fixture
def page_with_every_block(site, home_page, treatment_index):
    linked = StandardPageFactory(parent=home_page, title="About the clinic", slug="about")
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_lines = [
        (
            "line",
            {"name": "988 Suicide & Crisis Lifeline", "phone": "988", "sms": "988"},
        ),
        ("line", {"name": "Emergency services", "phone": "911", "emergency": True}),
    ]
    clinic.save()
    page = TreatmentPageFactory(
        parent=treatment_index, body=every_block_body(ImageFactory(), linked)
    )
    return page


@pytest.fixture
def rendered(client, page_with_every_block):
    response = client.get(page_with_every_block.url)
    assert response.status_code == 200
    return soup(response.content.decode())


def test_every_block_type_has_a_description_preview_group_and_template():
    for name, block in BodyBlock().child_blocks.items():
        meta = block.meta
        assert meta.label, name
        assert meta.icon, name
        assert meta.description and "\n" not in meta.description, name
        assert meta.group, name
        assert meta.template.startswith("blocks/"), name
        assert block.get_preview_value() is not None, name


def test_heading_block_carries_an_anchor_id(rendered):
    heading = rendered.find("h2", id="what-it-is")
    assert heading.get_text() == "What it is"


def test_image_block_is_a_figure_with_alt_sources_size_and_lazy_loading(rendered):
    figure = rendered.select_one("figure.figure")
    img = figure.find("img")
    assert img["alt"] == "A calm room"
    assert img["loading"] == "lazy"
    assert img["width"] and img["height"]
    assert "srcset" in img.attrs
    types = [source["type"] for source in figure.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    assert figure.find("figcaption").get_text(strip=True) == "Room"


def test_decorative_image_has_empty_alt():
    image = ImageFactory()
    block = ImageBlock()
    value = block.to_python(
        {"image": image.pk, "alt_text": "ignored", "decorative": True, "caption": ""}
    )
    assert soup(block.render(value)).find("img")["alt"] == ""


def test_quote_block_is_a_blockquote_with_attribution_and_consent_note(rendered):
    quote = rendered.select_one("figure.quote")
    assert quote.find("blockquote").get_text(strip=True) == "It helped me."
    caption = quote.find("figcaption").get_text(" ", strip=True)
    assert "A patient" in caption
    assert "Shared with their consent" in caption


def test_call_to_action_links_to_the_chosen_page(rendered):
    cta = rendered.select_one("aside.cta")
    link = cta.find("a", class_="button")
    assert link["href"] == "/about/"
    assert link.get_text(strip=True) == "Book a consultation"


def test_faq_is_details_and_summary(rendered):
    faq = rendered.select_one("section.faq")
    assert faq.find("h2").get_text() == "Questions people ask"
    details = faq.find("details")
    assert details.find("summary").get_text(strip=True) == "Can I drive?"
    assert "No." in details.get_text()


def test_steps_are_an_ordered_list(rendered):
    steps = rendered.select_one("section.steps")
    items = steps.find("ol").find_all("li", recursive=False)
    assert [item.find("p").get_text() for item in items] == ["Assessment", "Sessions"]


def test_checklist_has_its_heading_level_tone_and_list(rendered):
    checklist = rendered.select_one("section.checklist--caution")
    assert checklist.find("h3").get_text() == "Who it may not suit"
    assert checklist["aria-labelledby"] == checklist.find("h3")["id"]
    assert checklist.find("ul").find("li").get_text() == "People who have had psychosis"


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [
        ("info", "Information:"),
        ("warning", "Important:"),
        ("urgent", "Urgent advice:"),
        ("emergency", "Emergency:"),
    ],
)
def test_callout_has_a_visually_hidden_prefix_for_screen_readers(kind, prefix):
    block = CalloutBlock()
    value = block.to_python({"kind": kind, "heading": "Take care", "text": "<p>Text.</p>"})
    html = soup(block.render(value))
    hidden = html.select_one("h3 .visually-hidden")
    assert hidden.get_text().strip() == prefix
    assert html.find("h3").get_text().strip() == f"{prefix} Take care"
    assert f"callout--{kind}" in html.find("div")["class"]


def test_crisis_help_block_shows_the_lines_from_clinic_settings(rendered):
    crisis = rendered.select_one("section.crisis-help")
    hrefs = [link["href"] for link in crisis.find_all("a")]
    assert "tel:988" in hrefs
    assert "sms:988" in hrefs
    assert "tel:911" in hrefs


def test_crisis_help_block_follows_a_change_in_settings(client, site, page_with_every_block):
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_lines = [("line", {"name": "Local crisis team", "phone": "555-0199"})]
    clinic.save()
    html = soup(client.get(page_with_every_block.url).content.decode())
    crisis = html.select_one("section.crisis-help")
    assert "Local crisis team" in crisis.get_text()
    assert "tel:988" not in [link["href"] for link in crisis.find_all("a")]


def test_video_is_a_titled_link_that_loads_nothing_from_the_video_site(rendered):
    video = rendered.select_one("figure.video")
    link = video.find("a")
    assert link["href"] == "https://www.youtube.com/watch?v=abc"
    assert "What happens at a session" in link.get_text()
    assert "youtube.com" in link.get_text()
    assert rendered.find("iframe") is None


def test_video_does_not_ask_the_embed_finder_when_a_page_renders(rendered, fake_embed_finder):
    assert fake_embed_finder == []


def test_table_has_caption_column_headers_and_row_headers(rendered):
    table = rendered.select_one("table.table")
    assert table.find("caption").get_text() == "Fees"
    assert [th.get_text() for th in table.thead.find_all("th")] == ["Item", "Fee"]
    assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
    row_header = table.tbody.find("th")
    assert row_header["scope"] == "row"
    assert row_header.get_text(strip=True) == "Assessment"


def test_related_pages_are_cards_linking_to_the_chosen_pages(rendered):
    related = rendered.select_one("section.related")
    links = [a["href"] for a in related.select(".card__title a")]
    assert links == ["/about/"]
