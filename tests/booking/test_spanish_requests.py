"""A request sent from the Spanish booking page lands in the same inbox, marked "Spanish" in
words for the managers: in the inbox row, on the request's page and in the export. The
notification email is unchanged (it carries no submitted value)."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from booking import held_requests
from booking.models import BookingSubmission
from booking.store_held import store
from clinic.serving import outage_copies
from tests.booking.queue_helpers import make_request
from tests.factories import live_spanish_translation
from tests.outage import insert_fails

pytestmark = pytest.mark.django_db

INBOX = "/admin/booking/requests/"


@pytest.fixture
def spanish_booking_page(booking_page):
    return live_spanish_translation(booking_page)


def inbox_table(html):
    start = html.index('<table class="listing')
    return html[start : html.index("</table>", start)]


def test_a_request_from_the_spanish_page_is_recorded_as_spanish(
    client, booking_page, spanish_booking_page, valid_data, django_capture_on_commit_callbacks
):
    assert spanish_booking_page.url.startswith("/es/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(spanish_booking_page.url, valid_data)
    assert response.status_code == 302
    client.post(booking_page.url, {**valid_data, "full_name": "Blair English"})

    spanish, english = BookingSubmission.objects.order_by("pk")
    assert (spanish.language, spanish.page_id) == ("es", spanish_booking_page.pk)
    assert spanish.in_spanish and spanish.language_name == "Spanish"
    assert english.language == "en" and not english.in_spanish
    # The clinic is told as for any request: no answer, and no language, in the email.
    email = mail.outbox[0]
    assert "Avery Example" not in email.body and "Spanish" not in email.body + email.subject


def test_the_inbox_marks_spanish_requests_in_words(
    client, booking_manager, booking_page, spanish_booking_page
):
    make_request(spanish_booking_page, "Rosa Ejemplo", language="es")
    make_request(booking_page, "Blair English")
    client.force_login(booking_manager)
    html = client.get(INBOX).content.decode()
    head, body = inbox_table(html).split("<tbody")
    assert "Language" in head
    rows = {("Rosa" in row): row for row in body.split("<tr")[1:]}
    assert "Spanish" in rows[True]
    assert "Spanish" not in rows[False]
    # The filter finds them.
    filtered = client.get(INBOX + "?language=es").content.decode()
    assert "Rosa Ejemplo" in filtered and "Blair English" not in filtered


def test_the_request_page_names_the_language(client, booking_manager, spanish_booking_page):
    request_ = make_request(spanish_booking_page, "Rosa Ejemplo", language="es")
    client.force_login(booking_manager)
    html = client.get(reverse("booking_requests:request", args=[request_.pk])).content.decode()
    assert "<dt>Language of the request</dt><dd>Spanish" in html


def test_the_export_has_a_language_column(
    client, booking_manager, booking_page, spanish_booking_page
):
    make_request(spanish_booking_page, "Rosa Ejemplo", language="es")
    make_request(booking_page, "Blair English")
    client.force_login(booking_manager)
    body = b"".join(client.get(INBOX + "?status=all&export=csv").streaming_content)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    languages = {row["Full name"]: row["Language"] for row in rows}
    assert languages == {"Rosa Ejemplo": "Spanish", "Blair English": "English"}


@pytest.mark.parametrize("who", ["clinician", "reviewer", "page_editor"])
def test_only_managers_see_spanish_requests(client, who, request, spanish_booking_page):
    """Clinicians and reviewers may translate the booking page; its requests stay private."""
    request_ = make_request(spanish_booking_page, "Rosa Ejemplo", language="es")
    client.force_login(request.getfixturevalue(who))
    for address in (
        INBOX,
        INBOX + "?export=csv",
        reverse("booking_requests:request", args=[request_.pk]),
    ):
        response = client.get(address)
        assert response.status_code in (302, 403)
        assert b"Rosa Ejemplo" not in response.content


def test_a_spanish_request_held_during_an_outage_keeps_its_language(
    client, settings, tmp_path, spanish_booking_page, valid_data
):
    settings.BOOKING_SPOOL_DIR = tmp_path / "spool"
    settings.OUTAGE_COPY_DIR = tmp_path / "outage"
    outage_copies.forget_written()
    with insert_fails():
        response = client.post(spanish_booking_page.url, valid_data)
    assert response.status_code == 200 and not BookingSubmission.objects.exists()
    (held,) = [held_requests.read(path) for path in held_requests.held_paths()]
    assert held.language == "es"
    assert store(held)
    assert BookingSubmission.objects.get().language == "es"
