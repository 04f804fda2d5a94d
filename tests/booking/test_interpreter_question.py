"""The booking form asks, optionally, whether the visitor needs an interpreter and for which
language; the answer is stored with the other answers, and a manager sees it on the request's
page and in the export. The copy of the form kept for database outages asks it too."""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from booking import form_copy, held_requests
from booking.forms import RESERVED_NAMES, BookingFormPageForm
from booking.models import BookingSubmission
from tests.outage import database_down

pytestmark = pytest.mark.django_db

LABEL = "Do you need an interpreter? If so, which language?"
FIELD = "interpreter_language"


def request_page(client, manager, submission):
    client.force_login(manager)
    return client.get(reverse("booking_requests:request", args=[submission.pk])).content.decode()


def contact_section(html):
    start = html.index('<section aria-labelledby="contact-heading"')
    return html[start : html.index("</section>", start)]


def exported(client, manager):
    client.force_login(manager)
    response = client.get(reverse("booking_requests:index") + "?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8")[1:]
    heading, *rows = csv.reader(io.StringIO(body))
    return [dict(zip(heading, row, strict=True)) for row in rows]


def test_the_form_asks_it_after_the_contact_details_and_it_is_optional(client, booking_page):
    html = client.get(booking_page.url).content.decode()
    field = re.search(rf'<input type="text" name="{FIELD}"[^>]*>', html)[0]
    assert 'maxlength="60"' in field
    assert "required" not in field
    label = re.search(rf'<label class="form-field__label" for="id_{FIELD}">([^<]+)<span', html)
    assert label[1].strip() == LABEL
    assert '<span class="form-field__optional">(optional)</span>' in html[label.end() - 5 :][:60]
    assert "An interpreter is free." in html
    assert html.index('name="contact_method"') < html.index(f'name="{FIELD}"')
    assert html.index(f'name="{FIELD}"') < html.index('name="service"')


def test_a_request_without_it_is_taken_and_shows_no_interpreter(
    client, booking_page, valid_data, booking_manager
):
    assert FIELD not in valid_data
    response = client.post(booking_page.url, valid_data)
    assert response.status_code == 302
    submission = BookingSubmission.objects.get()
    assert submission.form_data[FIELD] == ""

    manager = Client()
    assert "Needs an interpreter" not in contact_section(
        request_page(manager, booking_manager, submission)
    )
    [row] = exported(manager, booking_manager)
    assert row[LABEL] == ""


def test_the_language_is_stored_and_shown_to_a_manager_and_in_the_export(
    client, booking_page, valid_data, booking_manager
):
    response = client.post(booking_page.url, dict(valid_data, **{FIELD: "  Vietnamese "}))
    assert response.status_code == 302
    submission = BookingSubmission.objects.get()
    assert submission.form_data[FIELD] == "Vietnamese"

    manager = Client()
    html = request_page(manager, booking_manager, submission)
    assert "<dt>Interpreter</dt><dd>Needs an interpreter for: Vietnamese</dd>" in contact_section(
        html
    )
    assert f"<dt>{LABEL}</dt>" in html  # and with every answer, in the form's order
    [row] = exported(manager, booking_manager)
    assert row[LABEL] == "Vietnamese"


def test_it_is_encrypted_at_rest_like_the_other_answers(client, booking_page, valid_data):
    from django.db import connection

    client.post(booking_page.url, dict(valid_data, **{FIELD: "Haitian Creole"}))
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM booking_bookingsubmission")
        [(stored,)] = cursor.fetchall()
    assert "Haitian Creole" not in str(stored)


def test_too_long_an_answer_is_refused_in_words_with_everything_kept(
    client, booking_page, valid_data
):
    language = "Portuguese, or Spanish if no Portuguese interpreter is free that day"
    assert len(language) > 60
    response = client.post(booking_page.url, dict(valid_data, **{FIELD: language}))
    html = response.content.decode()
    assert response.status_code == 200
    message = (
        f"The language you need an interpreter for is {len(language)} characters long; "
        "please shorten it to 60 or fewer."
    )
    assert html.count(message) == 2  # the error summary, and beside the field
    assert f'href="#id_{FIELD}"' in html
    assert 'value="Avery Example"' in html
    assert not BookingSubmission.objects.exists()


def test_an_editor_cannot_add_a_question_of_the_same_name(booking_page, superuser):
    assert FIELD in RESERVED_NAMES
    data = {
        "title": booking_page.title,
        "slug": booking_page.slug,
        "to_address": "",
        "subject": "",
        "form_fields-TOTAL_FORMS": "1",
        "form_fields-INITIAL_FORMS": "0",
        "form_fields-MIN_NUM_FORMS": "0",
        "form_fields-MAX_NUM_FORMS": "1000",
        "form_fields-0-label": "Interpreter language",
        "form_fields-0-field_type": "singleline",
        "form_fields-0-required": "",
        "form_fields-0-ORDER": "1",
    }
    form_class = booking_page.get_edit_handler().get_form_class()
    assert issubclass(form_class, BookingFormPageForm)
    form = form_class(data, instance=booking_page, for_user=superuser)
    assert not form.is_valid()
    [error] = form.formsets["form_fields"].forms[0].errors["label"]
    assert "already asked by the fixed part of the form" in error


# While the database is down, the copy of the form asks it too.


@pytest.fixture
def kept(booking_page, clinic_contacts, fresh_outage_folders):
    clinic_contacts.keep_contact_copy()
    form_copy.keep_form_copy()
    return booking_page


def test_a_request_held_during_an_outage_keeps_the_language(kept, valid_data, settings):
    visitor = Client(enforce_csrf_checks=True, raise_request_exception=False)
    html = visitor.get(kept.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    data = dict(valid_data, csrfmiddlewaretoken=token, **{FIELD: "Somali"})
    with database_down():
        response = visitor.post(kept.url, data)
    assert response.status_code == 200
    [path] = settings.BOOKING_SPOOL_DIR.glob("*.held")
    assert held_requests.read(path).form_data[FIELD] == "Somali"

    with database_down():
        refused = visitor.post(kept.url, dict(data, **{FIELD: "x" * 61}))
    assert "please shorten it to 60 or fewer" in refused.content.decode()
    assert len(list(settings.BOOKING_SPOOL_DIR.glob("*.held"))) == 1
