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


def treatment_form_data(body=None, reviewer=None, last_reviewed="2026-09-14", **fields):
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
        "last_reviewed": last_reviewed or "",
        "next_review_due": "",
        "reviewer": str(reviewer.pk) if reviewer else "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    form = nested_form_data(data)
    form["delivery_methods"] = ["iv-infusion"]
    return form
