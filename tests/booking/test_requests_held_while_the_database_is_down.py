"""A booking request posted while the database is down is held, encrypted, on disk; the visitor
is thanked with a reference; store_held_requests stores it later, exactly once, as it arrived."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from booking import held_requests, queue
from booking.models import BookingSubmission
from booking.store_held import store
from clinic.practice.details import ClinicSettings
from clinic.serving import outage_copies
from tests.outage import insert_fails

pytestmark = pytest.mark.django_db

PLAIN_VALUES = ["Avery Example", "avery@example.com", "Mornings are best."]


@pytest.fixture(autouse=True)
def spool(settings, tmp_path):
    settings.BOOKING_SPOOL_DIR = tmp_path / "spool"
    settings.OUTAGE_COPY_DIR = tmp_path / "outage"
    outage_copies.forget_written()
    return settings.BOOKING_SPOOL_DIR


@pytest.fixture
def kept_contacts(clinic_contacts):
    clinic_contacts.keep_contact_copy()
    return clinic_contacts


def post_during_outage(client, booking_page, valid_data):
    with insert_fails():
        return client.post(booking_page.url, valid_data)


def run_store_command():
    out = io.StringIO()
    call_command("store_held_requests", stdout=out)
    return out.getvalue()


def test_a_request_posted_while_the_database_is_down_is_held_encrypted(
    client, booking_page, valid_data, kept_contacts, spool
):
    response = post_during_outage(client, booking_page, valid_data)
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert "Thank you: your request has been sent" in html
    assert "within two working days" in html  # the promise, from the kept copy
    assert 'href="tel:5550100140"' in html and "Test Crisis Line" in html
    assert not BookingSubmission.objects.exists()

    [path] = spool.glob("*.held")
    reference = path.name.removesuffix(".held")
    assert f"Your reference is <strong>{reference}</strong>" in html
    assert queue.parse_held_reference(reference) == reference
    stored_bytes = path.read_text()
    for value in PLAIN_VALUES:
        assert value not in stored_bytes
    held = held_requests.read(path)
    assert held.form_data["full_name"] == "Avery Example"
    assert held.page_id == booking_page.pk


def test_held_requests_are_stored_once_with_their_arrival_time_and_reference(
    client, booking_page, valid_data, kept_contacts, spool, django_capture_on_commit_callbacks
):
    post_during_outage(client, booking_page, valid_data)
    [path] = spool.glob("*.held")
    held = held_requests.read(path)

    with django_capture_on_commit_callbacks(execute=True):
        first = run_store_command()
    second = run_store_command()

    submission = BookingSubmission.objects.get()
    assert f"Stored {held.reference}" in first
    assert "0 held booking request(s) stored" in second
    assert submission.reference == held.reference
    assert submission.submit_time == held.received_at
    assert submission.reply_due == kept_contacts.reply_due(held.received_at)
    assert submission.form_data["email"] == "avery@example.com"
    assert submission.consent_version == held.consent_version
    assert not list(spool.glob("*.held"))
    # The managers are told, as for any request, without the answers.
    [email] = mail.outbox
    for value in PLAIN_VALUES:
        assert value not in email.body
    assert BookingSubmission.objects.search(held.reference.lower()).get() == submission


def test_a_crash_between_the_commit_and_the_removal_stores_nothing_twice(
    client, booking_page, valid_data, spool
):
    post_during_outage(client, booking_page, valid_data)
    [path] = spool.glob("*.held")
    store(held_requests.read(path))  # committed, then the process died: the file is still there

    output = run_store_command()

    assert BookingSubmission.objects.count() == 1
    assert "was stored already" in output
    assert not path.exists()


def test_a_commit_that_went_through_unanswered_is_not_stored_again(
    client, booking_page, valid_data, spool
):
    post_during_outage(client, booking_page, valid_data)
    [path] = spool.glob("*.held")
    held = held_requests.read(path)
    # The row that the lost COMMIT stored after all, with the intake key of the held copy.
    BookingSubmission.objects.create(
        form_data=held.form_data,
        page=booking_page,
        consent_version=held.consent_version,
        consented_at=held.received_at,
        intake_key=held.intake_key,
    )

    run_store_command()

    assert BookingSubmission.objects.get().reference == held.reference


def test_when_the_spool_cannot_be_written_the_answers_come_back_with_the_phone(
    client, booking_page, valid_data, kept_contacts, settings, tmp_path
):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.BOOKING_SPOOL_DIR = blocker / "spool"  # a folder under a file: cannot be made

    response = post_during_outage(client, booking_page, valid_data)
    html = response.content.decode()

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "nothing you sent has been stored" in html
    assert 'href="tel:5550100140"' in html
    assert 'value="Avery Example"' in html and 'value="avery@example.com"' in html
    assert "Mornings are best." in html
    assert not BookingSubmission.objects.exists()


def test_without_a_copy_of_the_settings_the_thank_you_promises_no_wrong_date(
    client, booking_page, valid_data
):
    html = post_during_outage(client, booking_page, valid_data).content.decode()
    assert "as soon as we can" in html
    assert 'href="tel:988"' in html  # the national lines


def test_an_unreadable_held_file_is_kept_and_reported(spool):
    spool.mkdir(parents=True)
    (spool / "NB-HAAAAAAA.held").write_text("not a token")
    with pytest.raises(Exception, match="cannot be decrypted"):
        run_store_command()
    assert (spool / "NB-HAAAAAAA.held").exists()


def test_the_command_keeps_the_held_requests_while_the_database_is_still_down(
    client, booking_page, valid_data, spool
):
    from tests.outage import database_down

    post_during_outage(client, booking_page, valid_data)
    with database_down(), pytest.raises(Exception, match="still unavailable"):
        run_store_command()
    assert len(list(spool.glob("*.held"))) == 1


def test_clinic_settings_keep_their_copy_when_saved(site, django_capture_on_commit_callbacks):
    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0199"
    with django_capture_on_commit_callbacks(execute=True):
        clinic.save()
    assert outage_copies.read("clinic-contact")["phone"] == "(555) 010-0199"
