"""Answers and notes are encrypted at rest: the database holds none of what was submitted,
keys rotate, and a row no key opens is reported, never a crash."""

import logging
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from booking.models import BookingNote, BookingSubmission
from clinic.security import encryption
from clinic.security.encryption import stored_values_decrypt
from tests.booking.queue_helpers import make_request

pytestmark = pytest.mark.django_db

KEY_A, KEY_B = Fernet.generate_key().decode(), Fernet.generate_key().decode()
SECRET_VALUES = [
    "Ximena Quartermaine",
    "ximena.q@example.com",
    "555 010 0177",
    "Weekday mornings",
    "Please call after my shift ends",
    "voicemail left at noon",
]


def all_cells(*tables):
    """Every cell of the tables as text, read with a plain cursor: what the database holds."""
    cells = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            cells += [str(cell) for row in cursor.fetchall() for cell in row]
    return "\n".join(cells)


def test_the_database_holds_none_of_the_submitted_values(
    client, booking_page, valid_data, booking_manager
):
    data = dict(
        valid_data,
        full_name=SECRET_VALUES[0],
        email=SECRET_VALUES[1],
        phone=SECRET_VALUES[2],
        anything_you_would_like_us_to_know_before_we_call=SECRET_VALUES[4],
    )
    assert client.post(booking_page.url, data).status_code == 302
    submission = BookingSubmission.objects.get()
    client.force_login(booking_manager)
    client.post(
        reverse("booking_requests:request", args=[submission.pk]), {"text": SECRET_VALUES[5]}
    )

    stored = all_cells("booking_bookingsubmission", "booking_bookingnote")
    for value in SECRET_VALUES:
        assert value not in stored
        assert value.lower() not in stored.lower()
    # The application still reads them, and finds the request by its email.
    assert submission.form_data["full_name"] == SECRET_VALUES[0]
    assert BookingNote.objects.get().text == SECRET_VALUES[5]
    assert list(BookingSubmission.objects.search(SECRET_VALUES[1])) == [submission]


def test_after_rotation_the_old_key_can_be_removed(booking_page, settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    first = make_request(booking_page, "Rotation One")
    second = make_request(booking_page, "Rotation Two")
    BookingNote.objects.create(submission=first, text="A note under key A")

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    # One row is already under the new key, as after an interrupted run: it is skipped.
    _, token = encryption.stored_tokens(BookingSubmission, form_data_field()).get(pk=second.pk)
    encryption.store_token(
        BookingSubmission, form_data_field(), second.pk, encryption.rotate(token)
    )
    out = run_rotation()
    assert "booking.BookingSubmission.form_data: 1 re-encrypted, 1 already current." in out
    assert "booking.BookingNote.text: 1 re-encrypted, 0 already current." in out

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    assert BookingSubmission.objects.get(pk=first.pk).name == "Rotation One"
    assert BookingSubmission.objects.get(pk=second.pk).name == "Rotation Two"
    assert BookingNote.objects.get().text == "A note under key A"
    assert "0 re-encrypted, 2 already current" in run_rotation()  # a second run changes nothing


def form_data_field():
    return BookingSubmission._meta.get_field("form_data")


def run_rotation(*args):
    out = StringIO()
    call_command("rotate_encryption_key", "--batch-size", "1", *args, stdout=out)
    return out.getvalue()


def tamper(submission):
    field = form_data_field()
    _, token = encryption.stored_tokens(BookingSubmission, field).get(pk=submission.pk)
    flipped = token[:-8] + ("A" if token[-8] != "A" else "B") + token[-7:]
    encryption.store_token(BookingSubmission, field, submission.pk, flipped)


def test_a_tampered_row_says_so_and_the_others_still_work(
    client, booking_page, booking_manager, caplog
):
    broken = make_request(booking_page, "Tampered Person")
    intact = make_request(booking_page, "Intact Person")
    tamper(broken)
    client.force_login(booking_manager)

    with caplog.at_level(logging.ERROR):
        response = client.get(reverse("booking_requests:request", args=[broken.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "answers cannot be decrypted" in html
    assert broken.reference in caplog.text
    assert "Tampered" not in caplog.text

    inbox = client.get(reverse("booking_requests:index")).content.decode()
    assert "(cannot be decrypted)" in inbox and "Intact Person" in inbox
    export = client.get(reverse("booking_requests:index") + "?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert broken.reference in body and "Intact Person" in body

    assert BookingSubmission.objects.get(pk=intact.pk).name == "Intact Person"

    # Saving the row whole would overwrite the ciphertext with nothing: refused, not lost.
    unreadable = BookingSubmission.objects.get(pk=broken.pk)
    with pytest.raises(ValueError, match="cannot be saved back"):
        unreadable.save()


def test_the_start_up_check_names_the_setting_when_no_key_opens_the_rows(booking_page, settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    make_request(booking_page)
    assert stored_values_decrypt(databases=["default"]) == []
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    errors = stored_values_decrypt(databases=["default"])
    assert [error.id for error in errors] == ["clinic.E001"]
    assert "FIELD_ENCRYPTION_KEYS" in errors[0].msg


def test_the_start_up_check_lets_the_encrypting_migration_run_on_plain_rows(booking_page):
    submission = make_request(booking_page)
    encryption.store_token(BookingSubmission, form_data_field(), submission.pk, '{"a": 1}')
    assert stored_values_decrypt(databases=["default"]) == []


def test_rotation_reports_rows_no_key_opens_and_leaves_them(booking_page, settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    submission = make_request(booking_page)
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    with pytest.raises(CommandError, match="could not be decrypted with any key"):
        run_rotation()
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    assert BookingSubmission.objects.get(pk=submission.pk).name == "Sam Sample"


def test_the_answers_cannot_be_queried_as_plain_json(booking_page):
    from django.core.exceptions import FieldError

    make_request(booking_page, email="plain@example.com")
    with pytest.raises(FieldError):
        list(BookingSubmission.objects.filter(form_data__email="plain@example.com"))


def test_after_a_new_secret_key_rebuilt_tokens_find_requests_again(booking_page, settings):
    submission = make_request(booking_page, email="kept@example.com")
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert not BookingSubmission.objects.search("kept@example.com").exists()
    call_command("rebuild_search_tokens", stdout=StringIO())
    assert list(BookingSubmission.objects.search("kept@example.com")) == [submission]
