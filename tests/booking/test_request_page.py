"""A request's page: answers and links, status and owner, notes, history, who opened it,
two managers at once, forged and bad posts, and deletion that keeps its audit entry."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from booking.models import BookingNote, BookingSubmission
from booking.queue import NOTE_MAX_LENGTH, Status
from tests.booking.queue_helpers import make_request, second_manager

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(booking_page):
    return make_request(booking_page, "Jordan Ellis", "jordan@example.com", "+1 555 010 0199")


def url(submission):
    return reverse("booking_requests:request", args=[submission.pk])


def log(submission, action=None):
    entries = ModelLogEntry.objects.for_instance(submission)
    return entries.filter(action=action) if action else entries


def change(client, submission, status, owner="", version=None):
    version = submission.version if version is None else version
    return client.post(url(submission), {"status": status, "owner": owner, "version": version})


def test_the_page_shows_answers_links_consent_and_due_time(client, booking_manager, request_):
    client.force_login(booking_manager)
    html = client.get(url(request_)).content.decode()
    assert request_.reference in html
    assert 'href="mailto:jordan@example.com"' in html
    assert 'href="tel:+15550100199"' in html
    assert request_.consent_version in html
    assert "may include health information" in html  # the consent text itself
    assert "Reply due" in html
    # The browser tab (and so its history) names the reference, never the person.
    title = html[html.index("<title>") : html.index("</title>")]
    assert "Jordan" not in title and request_.reference in title


def test_every_opening_is_logged_and_managers_see_who_opened_it(client, booking_manager, request_):
    client.force_login(booking_manager)
    client.get(url(request_))
    dana = second_manager()
    client.force_login(dana)
    html = client.get(url(request_)).content.decode()
    opened = log(request_, "booking.view")
    assert sorted(entry.user.username for entry in opened) == ["dana", "manager"]
    assert "Who opened this request (2)" in html


def test_status_and_owner_changes_are_saved_and_in_the_history(client, booking_manager, request_):
    client.force_login(booking_manager)
    response = change(client, request_, Status.CONTACTED, booking_manager.pk)
    assert response.status_code == 302
    request_.refresh_from_db()
    assert (request_.status, request_.owner, request_.version) == (
        Status.CONTACTED,
        booking_manager,
        1,
    )
    status_entry = log(request_, "booking.status").get()
    assert status_entry.user == booking_manager
    assert status_entry.message == "Status changed from New to Contacted"
    assert log(request_, "booking.owner").get().message == "Owner changed from nobody to manager"
    html = client.get(url(request_)).content.decode()
    assert "Status changed from New to Contacted" in html


def test_the_second_of_two_managers_is_told_and_overwrites_nothing(
    client, booking_manager, request_
):
    dana = second_manager()
    seen_version = request_.version
    client.force_login(dana)
    change(client, request_, Status.CONTACTED, dana.pk, version=seen_version)

    client.force_login(booking_manager)
    response = change(client, request_, Status.NOT_SUITABLE, "", version=seen_version)
    request_.refresh_from_db()
    assert (request_.status, request_.owner) == (Status.CONTACTED, dana)
    page = client.get(response["Location"]).content.decode()
    assert "was changed by Dana Reyes" in page
    assert "Your change was not saved" in page
    assert log(request_, "booking.status").count() == 1


def test_notes_are_dated_signed_and_only_logged_as_a_fact(client, booking_manager, request_):
    client.force_login(booking_manager)
    client.post(url(request_), {"text": "Left a voicemail; will try again Thursday."})
    note = BookingNote.objects.get()
    assert note.author == booking_manager and note.submission == request_
    html = client.get(url(request_)).content.decode()
    assert "Left a voicemail; will try again Thursday." in html
    entry = log(request_, "booking.note").get()
    assert entry.message == "Added a note"
    assert "voicemail" not in str(entry.data)


def test_a_note_over_the_limit_is_refused_and_kept_in_the_form(client, booking_manager, request_):
    client.force_login(booking_manager)
    long_note = "x" * (NOTE_MAX_LENGTH + 1)
    response = client.post(url(request_), {"text": long_note})
    html = response.content.decode()
    assert response.status_code == 200
    assert "at most 5,000 characters; this one has 5,001" in html
    assert long_note in html  # nothing lost: the text is still in the box
    assert not BookingNote.objects.exists()


@pytest.mark.parametrize(
    "post, message",
    [
        ({"status": "lost", "owner": "", "version": 0}, "Choose one of the statuses in the list."),
        ({"status": "contacted", "owner": "999999", "version": 0}, "Choose a Booking manager"),
        ({"text": "   "}, "Write the note before adding it."),
    ],
)
def test_bad_posts_are_refused_with_a_clear_message(
    client, booking_manager, request_, post, message
):
    client.force_login(booking_manager)
    response = client.post(url(request_), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    request_.refresh_from_db()
    assert request_.status == Status.NEW and request_.version == 0


def test_someone_who_is_not_a_manager_cannot_be_made_owner(
    client, booking_manager, request_, clinician
):
    client.force_login(booking_manager)
    response = change(client, request_, Status.NEW, clinician.pk)
    assert "Choose a Booking manager" in response.content.decode()
    request_.refresh_from_db()
    assert request_.owner is None


@pytest.mark.parametrize("who", ["clinician", "reviewer", "page_editor"])
def test_forged_posts_from_non_managers_change_nothing(client, request_, who, request):
    client.force_login(request.getfixturevalue(who))
    responses = [
        change(client, request_, Status.CLOSED),
        client.post(url(request_), {"text": "forged"}),
        client.post(reverse("booking_requests:delete", args=[request_.pk])),
    ]
    assert all(response.status_code in (302, 403) for response in responses)
    request_.refresh_from_db()
    assert request_.status == Status.NEW
    assert not BookingNote.objects.exists()
    assert not log(request_).exists()


def test_a_manager_without_change_permission_reads_but_cannot_change(
    client, booking_manager, request_
):
    from django.contrib.auth.models import Permission

    for group in booking_manager.groups.all():
        group.permissions.remove(Permission.objects.get(codename="change_bookingsubmission"))
    client.force_login(type(booking_manager).objects.get(pk=booking_manager.pk))
    html = client.get(url(request_)).content.decode()
    assert "Save status and owner" not in html
    assert change(client, request_, Status.CLOSED).status_code in (302, 403)
    request_.refresh_from_db()
    assert request_.status == Status.NEW


def test_the_delete_confirmation_names_the_request_and_offers_cancel(
    client, booking_manager, request_
):
    client.force_login(booking_manager)
    html = client.get(reverse("booking_requests:delete", args=[request_.pk])).content.decode()
    assert request_.reference in html and "Jordan Ellis" in html
    assert "permanent" in html
    assert f'href="{url(request_)}"' in html and "Cancel" in html
    assert BookingSubmission.objects.filter(pk=request_.pk).exists()


def test_deletion_removes_answers_and_notes_and_keeps_the_audit_entry(
    client, booking_manager, request_
):
    client.force_login(booking_manager)
    client.post(url(request_), {"text": "Called back."})
    reference, pk = request_.reference, request_.pk
    response = client.post(reverse("booking_requests:delete", args=[pk]))
    assert response["Location"] == reverse("booking_requests:index")
    assert not BookingSubmission.objects.filter(pk=pk).exists()
    assert not BookingNote.objects.exists()
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(pk))
    assert entry.user == booking_manager
    assert entry.label == reference
    assert "Jordan" not in str(entry.data) and "Jordan" not in entry.label
    # The earlier entries (the note, the opening) stay too.
    assert ModelLogEntry.objects.filter(object_id=str(pk), action="booking.note").exists()
