"""Factories for the treatments section."""

import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from tests.factories import ImageFactory, PersonFactory, SignedOffPageFactory
from treatments.models import TreatmentIndexPage, TreatmentPage


class TreatmentIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TreatmentIndexPage

    title = "Treatments"
    slug = "treatments"
    intro = "The treatments we offer."


def short_body():
    return [
        ("heading", {"text": "What it is", "level": "h2", "anchor": ""}),
        ("paragraph", RichText("<p>A plain explanation.</p>")),
    ]


class TreatmentPageFactory(SignedOffPageFactory):
    """A live treatment page with review metadata; TreatmentPageFactory(parent=index)."""

    class Meta:
        model = TreatmentPage

    title = factory.Sequence(lambda n: f"Treatment {n}")
    summary = factory.LazyAttribute(lambda page: f"What {page.title} involves.")
    use = "off-label"
    hero_image = factory.SubFactory(ImageFactory)
    delivery_methods = factory.LazyFunction(lambda: ["iv-infusion"])
    session_length = "About 40 to 60 minutes"
    typical_course = "Six sessions over two to three weeks"
    body = factory.LazyFunction(short_body)
    last_reviewed = datetime.date(2026, 1, 15)
    next_review_due = datetime.date(2027, 1, 15)
    reviewer = factory.SubFactory(PersonFactory)


def every_block_body(image, linked_page, video_url="https://www.youtube.com/watch?v=abc"):
    """A body that uses every block in the library once (stream data for a page)."""
    return [
        ("heading", {"text": "What it is", "level": "h2", "anchor": ""}),
        ("paragraph", RichText("<p>Ketamine is an <b>anaesthetic</b>.</p>")),
        (
            "image",
            {"image": image, "alt_text": "A calm room", "decorative": False, "caption": "Room"},
        ),
        (
            "quote",
            {"quote": "It helped me.", "attribution": "A patient", "shared_with_consent": True},
        ),
        (
            "call_to_action",
            {
                "heading": "Ready to talk?",
                "text": "Start with an assessment.",
                "page": linked_page,
                "url": "",
                "button_text": "Book a consultation",
            },
        ),
        (
            "faq",
            {
                "heading": "Questions people ask",
                "heading_level": "h2",
                "items": [{"question": "Can I drive?", "answer": RichText("<p>No.</p>")}],
            },
        ),
        (
            "steps",
            {
                "heading": "What to expect",
                "heading_level": "h2",
                "steps": [
                    {"title": "Assessment", "text": RichText("<p>First.</p>")},
                    {"title": "Sessions", "text": RichText("<p>Then.</p>")},
                ],
            },
        ),
        (
            "checklist",
            {
                "heading": "Who it may not suit",
                "heading_level": "h3",
                "tone": "caution",
                "items": ["People who have had psychosis"],
            },
        ),
        (
            "callout",
            {"kind": "urgent", "heading": "Call us", "text": RichText("<p>If worse.</p>")},
        ),
        ("crisis_help", {"heading": "Need help now?", "text": ""}),
        ("video", {"video": video_url, "title": "What happens at a session", "description": ""}),
        (
            "table",
            {
                "caption": "Fees",
                "columns": [
                    {"type": "text", "heading": "Item"},
                    {"type": "text", "heading": "Fee"},
                ],
                "rows": [{"values": ["Assessment", "$350"]}],
            },
        ),
        (
            "related_pages",
            {"heading": "Related pages", "heading_level": "h2", "pages": [linked_page]},
        ),
    ]
