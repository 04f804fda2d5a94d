"""Who is told of a booking request, and which questions it asks, are changed only by Booking
managers and administrators; clinicians and reviewers edit the booking page's text only, and a
POST that carries the recipients or the questions changes neither (booking/panels.py)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

pytestmark = pytest.mark.django_db

CRAFTED_QUESTION = {
    "form_fields-TOTAL_FORMS": "1",
    "form_fields-INITIAL_FORMS": "0",
    "form_fields-MIN_NUM_FORMS": "0",
    "form_fields-MAX_NUM_FORMS": "1000",
    "form_fields-0-label": "Your date of birth",
    "form_fields-0-field_type": "singleline",
    "form_fields-0-ORDER": "1",
    "form_fields-0-DELETE": "",
}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def editor_form(client, page):
    html = client.get(edit_url(page)).content.decode()
    return html, querydict_from_html(html, form_id="page-edit-form").copy()


def save_with_everything_changed(client, page, data):
    """The person's own form with a new intro, plus new recipients and a new question."""
    data["intro"] = rich_text("<p>Tell us how to reach you for a first conversation.</p>")
    data.update(to_address="attacker@example.com", subject="Copy", from_address="x@example.com")
    for key in [key for key in data if key.startswith("form_fields-")]:
        del data[key]
    data.update(CRAFTED_QUESTION)
    return client.post(edit_url(page), data)


def saved(page):
    """The page as its latest revision holds it (what was saved, draft or live)."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


@pytest.mark.parametrize("role", ["clinician", "reviewer"])
def test_clinicians_and_reviewers_edit_the_text_only(client, booking_page, role, request):
    client.force_login(request.getfixturevalue(role))
    questions = [field.label for field in booking_page.form_fields.all()]
    html, data = editor_form(client, booking_page)
    assert "to_address" not in data and "form_fields-TOTAL_FORMS" not in data
    assert "Notification email" not in html and "Add Questions" not in html

    response = save_with_everything_changed(client, booking_page, data)

    assert response.status_code == 302, response.context["form"].errors
    page = saved(booking_page)
    assert "first conversation" in page.intro  # the text they may change
    assert page.to_address == booking_page.to_address
    assert (page.from_address, page.subject) == (booking_page.from_address, booking_page.subject)
    assert [field.label for field in page.form_fields.all()] == questions


def test_administrators_change_recipients_and_questions(client, booking_page, superuser):
    client.force_login(superuser)
    html, data = editor_form(client, booking_page)
    assert "Notification email" in html and data["form_fields-TOTAL_FORMS"]
    response = save_with_everything_changed(client, booking_page, data)
    assert response.status_code == 302
    page = saved(booking_page)
    assert page.to_address == "attacker@example.com"
    assert "Your date of birth" in [field.label for field in page.form_fields.all()]


def test_booking_managers_may_change_recipients_and_questions_in_the_form(
    booking_page, booking_manager
):
    """Managers have no page-editing rights today (the admin refuses them the editor); the page
    form itself leaves them the recipients and the questions."""
    form_class = type(booking_page).get_edit_handler().get_form_class()
    form = form_class(instance=booking_page, for_user=booking_manager)
    assert {"to_address", "from_address", "subject"} <= set(form.fields)
    assert "form_fields" in form.formsets


def test_booking_managers_cannot_use_the_page_editor(client, booking_page, booking_manager):
    client.force_login(booking_manager)
    response = client.post(edit_url(booking_page), {"to_address": "attacker@example.com"})
    assert response.status_code in (302, 403)
    assert saved(booking_page).to_address == booking_page.to_address
