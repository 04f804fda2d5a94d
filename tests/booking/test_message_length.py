"""The message field states its limit, counts down in the browser (character-count.js), and
the server refuses too long a text in the form's own words, keeping what was typed."""

import pytest

from booking.models import BookingFormField, BookingSubmission

pytestmark = pytest.mark.django_db

MESSAGE = "anything_you_would_like_us_to_know_before_we_call"
LABEL = "Anything you would like us to know before we call?"


def test_too_long_a_message_is_refused_in_the_forms_own_words(client, booking_page, valid_data):
    typed = "Mornings are best. " + "x" * 1215
    response = client.post(booking_page.url, dict(valid_data, **{MESSAGE: typed}))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f"Your answer to “{LABEL}” is 1,234 characters long; please shorten it to 1,000 or fewer."
        in html
    )
    assert "Ensure this value has at most" not in html
    assert f"{typed}</textarea>" in html  # kept, so it can be shortened rather than retyped
    assert BookingSubmission.objects.count() == 0


def test_the_message_field_has_no_maxlength_that_would_cut_a_pasted_text(client, booking_page):
    html = client.get(booking_page.url).content.decode()
    textarea = html[html.index(f'<textarea name="{MESSAGE}"') :]
    textarea = textarea[: textarea.index(">")]
    assert 'data-maxlength="1000"' in textarea
    assert "maxlength=" not in textarea.replace("data-maxlength=", "")


def test_the_limit_is_stated_without_javascript(client, booking_page):
    BookingFormField.objects.create(
        page=booking_page,
        label="Your story",
        field_type="multiline",
        required=False,
        max_length=500,
        help_text="In your own words & at your own pace.",
    )
    html = client.get(booking_page.url).content.decode()
    assert "In your own words &amp; at your own pace. Up to 500 characters." in html
    # The demo's own hint names its limit already: it is not said twice.
    assert html.count("1,000 characters") == 1


def test_line_breaks_count_once_as_the_counter_counts_them(client, booking_page, valid_data):
    typed = "line\r\n" * 166 + "end"  # 999 characters counting each break once
    response = client.post(booking_page.url, dict(valid_data, **{MESSAGE: typed}))
    assert response.status_code == 302
    assert BookingSubmission.objects.get().form_data[MESSAGE] == typed.replace("\r\n", "\n")


def test_the_counter_script_is_loaded_from_the_site_itself(client, booking_page):
    html = client.get(booking_page.url).content.decode()
    assert '<script src="/static/clinic/js/character-count.js" defer></script>' in html
