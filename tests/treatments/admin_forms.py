"""Form data for the Wagtail page editor, as the browser would post it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def list_block(values):
    """ListBlock form data: each item with its own id, order and deleted flag."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def section(key, text, html="<p>Plain words about it.</p>"):
    """A heading tagged with the part of a treatment page it starts, and content under it."""
    return [
        ("heading", {"text": text, "level": "h2", "anchor": "", "section": key}),
        ("paragraph", rich_text(html)),
    ]


def example_fee():
    """A fee for the cost section to show (a cost section without one is incomplete)."""
    from clinic.editorial.fees import Fee

    fee, _ = Fee.objects.get_or_create(
        service="Ketamine infusion session", defaults={"price_from": 450, "unit": "per session"}
    )
    return fee


def fees(*chosen):
    """A fees block as the editor posts it, choosing these fees (none: the page's own)."""
    return ("fees", {"heading": "", "fees": list_block([fee.pk for fee in chosen])})


def complete_body():
    """Every part a treatment page needs before review, as the editor would post it."""
    return [
        *section("what-it-is", "What it is", "<p>An anaesthetic used at low doses.</p>"),
        *section("how-it-works", "How it is thought to work"),
        (
            "checklist",
            {
                "heading": "Who it may help",
                "heading_level": "h2",
                "section": "who-it-may-help",
                "tone": "positive",
                "items": list_block(["Adults whose depression has not lifted"]),
            },
        ),
        (
            "checklist",
            {
                "heading": "Who it may not suit",
                "heading_level": "h2",
                "section": "who-it-may-not-suit",
                "tone": "caution",
                "items": list_block(["People who have had psychosis"]),
            },
        ),
        (
            "steps",
            {
                "heading": "What to expect",
                "heading_level": "h2",
                "section": "what-to-expect",
                "steps": list_block([{"title": "Assessment", "text": rich_text("<p>First.</p>")}]),
            },
        ),
        *section("risks", "Side effects and risks"),
        *section("cost", "Cost and insurance"),
        fees(example_fee()),
        (
            "faq",
            {
                "heading": "Questions people ask",
                "heading_level": "h2",
                "items": list_block(
                    [{"question": "Can I drive?", "answer": rich_text("<p>No.</p>")}]
                ),
            },
        ),
    ]


def treatment_form_data(body=None, reviewer=None, last_reviewed="2026-09-14", **fields):
    """The editor's form; review fields are posted too, as a forged form would: they are
    read-only, so the page must ignore them."""
    data = {
        "title": "Ketamine infusion therapy",
        "slug": "ketamine-infusion-therapy",
        "summary": "Low-dose ketamine given through a drip under medical supervision.",
        "session_length": "About 40 to 60 minutes",
        "typical_course": "Six sessions over two to three weeks",
        "body": streamfield(
            body
            if body is not None
            else [
                ("heading", {"text": "What it is", "level": "h2", "anchor": ""}),
                ("paragraph", rich_text("<p>An anaesthetic used at low doses.</p>")),
            ]
        ),
        "related_treatments": inline_formset([]),
        "booking_text": "Book a consultation",
        "booking_prompt": "Would you like to talk about whether this could help you?",
        "use": "off-label",
        "last_reviewed": last_reviewed or "",
        "next_review_due": "",
        "reviewer": str(reviewer.pk) if reviewer else "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    form = nested_form_data(data)
    form["delivery_methods"] = ["iv-infusion"]
    return form
