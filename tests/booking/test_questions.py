"""Editors write the questions; the fixed core stays, and every answer has a maximum length."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from booking.models import BookingFormField, BookingFormPage, BookingSubmission

pytestmark = pytest.mark.django_db


def page_form(page, questions):
    form_class = BookingFormPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text("<p>Intro</p>"),
            "thank_you_text": rich_text("<p>Thanks</p>"),
            "to_address": "",
            "from_address": "",
            "subject": "",
            "form_fields": inline_formset(
                [
                    {
                        "label": label,
                        "field_type": "singleline",
                        "required": "",
                        "help_text": "",
                        "choices": "",
                        "default_value": "",
                        "max_length": "",
                    }
                    for label in questions
                ]
            ),
        }
    )
    return form_class(data, instance=page, for_user=None)


@pytest.mark.parametrize("label", ["Email", "Full name", "Consent", "Website", "Phone"])
def test_a_question_may_not_take_a_core_fields_name(booking_page, label):
    form = page_form(booking_page, ["Favourite colour", label])
    assert not form.is_valid()
    errors = form.formsets["form_fields"].forms[1].errors["label"]
    assert "already asked by the fixed part of the form" in errors[0]


def test_other_questions_are_accepted(booking_page):
    form = page_form(booking_page, ["Favourite colour", "Email address preference"])
    assert form.is_valid(), form.errors


def test_the_core_is_always_asked_around_the_editors_questions(booking_page):
    names = list(booking_page.get_form_class().base_fields)
    assert names[:6] == [
        "full_name",
        "email",
        "phone",
        "contact_method",
        "interpreter_language",
        "service",
    ]
    assert names[-2:] == ["consent", "website"]
    assert "which_days_and_times_suit_you" in names


def test_a_core_named_question_already_stored_cannot_replace_the_core(booking_page):
    BookingFormField.objects.create(
        page=booking_page, label="Email", field_type="singleline", required=False
    )
    form_class = booking_page.get_form_class()
    assert form_class.base_fields["email"].label == "Email address"


@pytest.mark.parametrize(
    "field_type, max_length, expected",
    [("singleline", None, 255), ("multiline", None, 1000), ("multiline", 300, 300)],
)
def test_editor_text_questions_have_a_maximum_length(
    booking_page, field_type, max_length, expected
):
    BookingFormField.objects.create(
        page=booking_page,
        label="Extra question",
        field_type=field_type,
        required=False,
        max_length=max_length,
    )
    field = booking_page.get_form_class().base_fields["extra_question"]
    assert field.max_length == expected


def test_an_over_long_answer_to_an_editor_question_is_refused(client, booking_page, valid_data):
    BookingFormField.objects.create(
        page=booking_page, label="Extra question", field_type="singleline", required=False
    )
    response = client.post(booking_page.url, dict(valid_data, extra_question="y" * 256))
    assert response.status_code == 200
    assert (
        "Your answer to “Extra question” is 256 characters long; please shorten it to 255 or "
        "fewer." in response.content.decode()
    )
    assert not BookingSubmission.objects.exists()


def test_an_optional_dropdown_starts_with_nothing_chosen(client, booking_page):
    html = client.get(booking_page.url).content.decode()
    assert '<option value="" selected>Choose an answer</option>' in html


def test_the_consent_text_names_health_information_and_its_purpose(client, booking_page):
    html = client.get(booking_page.url).content.decode()
    assert "health information" in html
    assert "only to contact me about booking a consultation" in html
    assert 'name="consent"' in html
    assert 'name="consent" checked' not in html
