"""Only Booking managers and superusers list, read, export or delete booking requests."""

import pytest
from django.urls import reverse
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import PageLogEntry

from booking.models import BookingSubmission
from tests.booking.factories import BookingSubmissionFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Quinn Confidential"


@pytest.fixture
def submission(booking_page):
    return BookingSubmissionFactory(
        page=booking_page,
        form_data={
            "full_name": SECRET_NAME,
            "email": "quinn@example.com",
            "contact_method": "Email",
        },
    )


def urls(page, submission):
    inbox = reverse("booking_requests:index")
    return {
        "inbox": inbox,
        "inbox results": reverse("booking_requests:index_results"),
        "request page": reverse("booking_requests:request", args=[submission.pk]),
        "export csv": inbox + "?export=csv",
        "export xlsx": inbox + "?export=xlsx",
        "delete confirmation": reverse("booking_requests:delete", args=[submission.pk]),
        "wagtail's bulk deletion": reverse("wagtailforms:delete_submissions", args=[page.pk])
        + f"?selected-submissions={submission.pk}",
    }


URL_NAMES = [
    "inbox",
    "inbox results",
    "request page",
    "export csv",
    "export xlsx",
    "delete confirmation",
    "wagtail's bulk deletion",
]


def content_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_denied(response):
    """Wagtail's admin answers a refusal with a redirect to the login or dashboard, or a 403."""
    assert response.status_code in (302, 403)
    assert SECRET_NAME.encode() not in content_of(response)


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_anonymous_visitors_are_sent_to_the_login(client, booking_page, submission, url_name):
    response = client.get(urls(booking_page, submission)[url_name])
    assert_denied(response)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["clinician", "reviewer", "page_editor"])
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_people_who_edit_pages_but_do_not_manage_bookings_get_no_access(
    client, booking_page, submission, url_name, who, request
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert_denied(client.get(urls(booking_page, submission)[url_name]))
    assert PageLogEntry.objects.filter(action="booking.export").count() == 0


def test_the_page_editor_really_may_edit_the_booking_page(client, booking_page, page_editor):
    client.force_login(page_editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[booking_page.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["clinician", "page_editor"])
def test_page_editors_cannot_delete_requests(client, booking_page, submission, who, request):
    client.force_login(request.getfixturevalue(who))
    delete_url = reverse("wagtailforms:delete_submissions", args=[booking_page.pk])
    client.post(delete_url + f"?selected-submissions={submission.pk}")
    assert BookingSubmission.objects.filter(pk=submission.pk).exists()


@pytest.mark.parametrize("who", ["booking_manager", "superuser"])
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_managers_and_superusers_get_in(client, booking_page, submission, url_name, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(urls(booking_page, submission)[url_name])
    assert response.status_code == 200
    if url_name not in ("export xlsx", "wagtail's bulk deletion"):
        assert SECRET_NAME.encode() in content_of(response)


def test_the_forms_listing_hides_the_booking_page_from_editors_and_shows_it_to_managers(
    booking_page, page_editor, clinician, booking_manager
):
    assert not get_forms_for_user(page_editor).filter(pk=booking_page.pk).exists()
    assert not get_forms_for_user(clinician).filter(pk=booking_page.pk).exists()
    assert get_forms_for_user(booking_manager).filter(pk=booking_page.pk).exists()


def test_managers_see_booking_requests_in_the_menu(client, booking_page, booking_manager):
    client.force_login(booking_manager)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Booking requests" in html
    # Wagtail's own submissions list for the booking page leads to the inbox.
    response = client.get(reverse("wagtailforms:list_submissions", args=[booking_page.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("booking_requests:index")


def test_editors_do_not_see_booking_requests_in_the_menu(client, booking_page, page_editor):
    client.force_login(page_editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Booking requests" not in html


def test_manager_deletes_a_request_and_the_deletion_is_audited(
    client, booking_page, submission, booking_manager
):
    client.force_login(booking_manager)
    delete_url = reverse("wagtailforms:delete_submissions", args=[booking_page.pk])
    response = client.post(delete_url + f"?selected-submissions={submission.pk}")
    assert response.status_code == 302
    assert not BookingSubmission.objects.exists()

    entry = PageLogEntry.objects.get(action="booking.delete")
    assert entry.user == booking_manager
    assert entry.page_id == booking_page.pk
    assert entry.data == {"rows": 1}
    assert entry.message == "Deleted 1 booking request(s)"


def test_manager_without_delete_permission_cannot_delete(
    client, booking_page, submission, booking_manager
):
    from django.contrib.auth.models import Permission

    booking_manager.user_permissions.clear()
    for group in booking_manager.groups.all():
        group.permissions.remove(Permission.objects.get(codename="delete_bookingsubmission"))
    booking_manager = type(booking_manager).objects.get(pk=booking_manager.pk)
    client.force_login(booking_manager)
    delete_url = reverse("wagtailforms:delete_submissions", args=[booking_page.pk])
    client.post(delete_url + f"?selected-submissions={submission.pk}")
    assert BookingSubmission.objects.filter(pk=submission.pk).exists()
    assert not PageLogEntry.objects.filter(action="booking.delete").exists()
