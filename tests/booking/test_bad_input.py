"""Whatever the browser sends, bad input shows the errors again, stores nothing, never a 500."""

import pytest

from booking.models import BookingSubmission

pytestmark = pytest.mark.django_db

MESSAGE = "anything_you_would_like_us_to_know_before_we_call"
SERVICE = "service"
DAYS = "which_days_and_times_suit_you"

BAD_INPUT = {
    "bad email": ({"email": "not-an-email"}, "id_email", "Enter an email address in the right"),
    "missing consent": ({"consent": None}, "id_consent", "Tick the box to agree"),
    "over-long message": (
        {MESSAGE: "x" * 1234},
        f"id_{MESSAGE}",
        "is 1,234 characters long; please shorten it to 1,000 or fewer.",
    ),
    "invalid choice": (
        {SERVICE: "Something else"},
        f"id_{SERVICE}_0",
        "Choose one of the treatments listed, or “Not sure yet”.",
    ),
    "invalid contact method": (
        {"contact_method": "Carrier pigeon"},
        "id_contact_method_0",
        "Choose email, phone, or either",
    ),
    "invalid day": ({DAYS: ["Sunday at midnight"]}, f"id_{DAYS}_0", "Select a valid choice"),
    "missing name": ({"full_name": None}, "id_full_name", "Enter your full name"),
    "missing required question": (
        {SERVICE: None},
        f"id_{SERVICE}_0",
        "Choose the treatment you are interested in, or “Not sure yet”.",
    ),
    "under 18 not confirmed": (
        {"i_confirm_that_i_am_18_or_over": None},
        "id_i_confirm_that_i_am_18_or_over",
        "Tick the box: I confirm that I am 18 or over.",
    ),
    "over-long name": (
        {"full_name": "n" * 121},
        "id_full_name",
        "Your full name is 121 characters long; please shorten it to 120 or fewer.",
    ),
    "bad phone": ({"phone": "call me maybe"}, "id_phone", "Enter a phone number"),
    "phone wanted but missing": (
        {"contact_method": "Phone", "phone": ""},
        "id_phone",
        "Enter a phone number, or choose email",
    ),
}


def with_changes(data, changes):
    data = dict(data)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


@pytest.mark.parametrize("changes, anchor, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_shows_errors_linked_from_the_summary_and_stores_nothing(
    client, booking_page, valid_data, changes, anchor, message
):
    response = client.post(booking_page.url, with_changes(valid_data, changes))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert f'<a href="#{anchor}">' in html
    assert message in html
    assert html.count(message) >= 2  # in the summary and beside the field
    assert "<title>Error: " in html
    assert BookingSubmission.objects.count() == 0


def test_errors_are_tied_to_their_field_and_values_are_kept(client, booking_page, valid_data):
    data = with_changes(valid_data, {"email": "avery-at-example"})
    html = client.post(booking_page.url, data).content.decode()

    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'id="id_email_error"' in html
    assert 'value="avery-at-example"' in html
    assert 'value="Avery Example"' in html


def test_errors_in_a_group_describe_the_fieldset(client, booking_page, valid_data):
    html = client.post(booking_page.url, with_changes(valid_data, {SERVICE: None})).content.decode()
    assert f'aria-describedby="id_{SERVICE}_helptext id_{SERVICE}_error"' in html
    assert f'id="id_{SERVICE}_error"' in html


def test_a_flood_of_unknown_fields_is_ignored(client, booking_page, valid_data):
    data = dict(valid_data, is_admin="yes", page="1", submit_time="2000-01-01")
    client.post(booking_page.url, data)
    stored = BookingSubmission.objects.get().form_data
    assert not {"is_admin", "page", "submit_time"} & set(stored)


def test_an_empty_post_gives_errors_not_a_server_error(client, booking_page):
    response = client.post(booking_page.url, {})
    assert response.status_code == 200
    assert "There is a problem with your request" in response.content.decode()
    assert BookingSubmission.objects.count() == 0
