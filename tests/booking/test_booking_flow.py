"""A visitor books; the clinic is told without being sent the answers; a manager exports."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry

from booking.consent import CURRENT_CONSENT_VERSION
from booking.models import BookingSubmission
from clinic.practice.details import ClinicSettings
from tests.factories import crisis_line

pytestmark = pytest.mark.django_db

SUBMITTED_VALUES = [
    "Avery Example",
    "avery@example.com",
    "Weekday mornings",
    "Saturday mornings",
    "Not sure yet",
    "A web search",
    "Mornings are best.",
]


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_request_is_stored_notified_without_values_and_exported(
    client, booking_page, booking_manager, valid_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(booking_page.url, valid_data)

    assert response.status_code == 302
    assert response["Location"] == "/book-a-consultation/thank-you/"

    submission = BookingSubmission.objects.get()
    assert submission.page_id == booking_page.pk
    assert submission.consent_version == CURRENT_CONSENT_VERSION
    assert submission.consented_at is not None
    assert submission.form_data["full_name"] == "Avery Example"
    assert submission.form_data["which_days_and_times_suit_you"] == [
        "Weekday mornings",
        "Saturday mornings",
    ]
    assert "consent" not in submission.form_data
    assert "website" not in submission.form_data

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["bookings@northbridge-clinic.example"]
    whole_email = email.subject + email.body + str(email.message())
    for value in SUBMITTED_VALUES:
        assert value not in whole_email
    assert f"http://testserver/admin/booking/requests/{submission.pk}/" in email.body

    client.force_login(booking_manager)
    export_url = reverse("booking_requests:index") + "?export=csv"
    rows = read_csv(client.get(export_url))
    heading, row = rows
    assert heading[:9] == [
        "Reference",
        "Received (America/New_York)",
        "Status",
        "Owner",
        "Reply due (America/New_York)",
        "Treatment",
        "Language",
        "Full name",
        "Email address",
    ]
    assert "Avery Example" in row
    assert row[heading.index("Language")] == "English"
    assert "Weekday mornings, Saturday mornings" in row
    assert CURRENT_CONSENT_VERSION in row


def test_thank_you_page_follows_the_redirect_and_shows_nothing_submitted(
    client, booking_page, valid_data
):
    response = client.post(booking_page.url, valid_data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/book-a-consultation/thank-you/", 302)]
    html = response.content.decode()
    assert "your request has been sent" in html
    assert "Avery Example" not in html
    assert response["Cache-Control"] == "no-store, private"
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_booking_page_is_never_cached_nor_indexed_and_carries_a_csrf_token(client, booking_page):
    response = client.get(booking_page.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_booking_page_shows_the_not_monitored_notice_and_crisis_lines(client, booking_page, site):
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_lines = [crisis_line()]
    clinic.save()
    html = client.get(booking_page.url).content.decode()
    notice = html.index("not around the clock")
    assert notice < html.index("Test Crisis Line") < html.index("Send request")


def test_demo_sets_the_clinic_booking_page_and_runs_twice_without_duplicates(
    booking_page, home_page, site
):
    import booking.demo
    from clinic.documents.demo import load_section

    again = load_section(booking.demo, home_page)
    assert again.pk == booking_page.pk
    assert again.form_fields.count() == 4
    assert again.revisions.count() == 1
    assert ClinicSettings.for_site(site).booking_page_id == booking_page.pk


def test_markup_labels_every_field_and_groups_choices_in_fieldsets(client, booking_page):
    html = client.get(booking_page.url).content.decode()
    assert 'autocomplete="name"' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="tel"' in html
    for field_id in ["id_full_name", "id_email", "id_phone", "id_consent"]:
        assert f'for="{field_id}"' in html
    assert html.count("<fieldset") == 3  # contact method, days and times, service
    assert "<legend" in html
    assert "(required)" in html


def test_submission_is_recorded_when_the_page_has_no_notification_address(
    client, booking_page, valid_data, django_capture_on_commit_callbacks
):
    booking_page.to_address = ""
    booking_page.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(booking_page.url, valid_data)
    assert BookingSubmission.objects.count() == 1
    assert mail.outbox == []


def test_notify_setting_overrides_the_page_address(
    client, booking_page, valid_data, settings, django_capture_on_commit_callbacks
):
    settings.BOOKING_NOTIFY_EMAILS = ["triage@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(booking_page.url, valid_data)
    assert mail.outbox[0].to == ["triage@example.org"]


def test_export_writes_an_audit_entry_with_user_page_and_row_count(
    client, booking_page, booking_manager, valid_data
):
    client.post(booking_page.url, valid_data)
    client.force_login(booking_manager)
    url = reverse("booking_requests:index")
    response = client.get(url + "?export=csv")
    b"".join(response.streaming_content)

    entry = PageLogEntry.objects.get(action="booking.export")
    assert entry.user == booking_manager
    assert entry.page_id == booking_page.pk
    assert entry.data == {
        "rows": 1,
        "format": "csv",
        "filters": {"status": "open"},
        "searched": False,
    }
    assert entry.message == "Exported 1 booking request(s) as CSV"


@pytest.mark.parametrize("mode", ["form", "landing"])
def test_editors_can_preview_the_form_and_the_thank_you_page(
    client, booking_page, page_editor, mode
):
    client.force_login(page_editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[booking_page.pk])
    response = client.get(url, {"mode": mode})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_manager_reads_one_request_with_its_consent_text(
    client, booking_page, booking_manager, valid_data
):
    client.post(booking_page.url, valid_data)
    submission = BookingSubmission.objects.get()
    client.force_login(booking_manager)
    response = client.get(reverse("booking_requests:request", args=[submission.pk]))
    html = response.content.decode()
    assert "Avery Example" in html
    assert "Weekday mornings, Saturday mornings" in html
    assert "may include health information" in html


def test_the_booking_page_runs_a_bounded_number_of_queries(
    client, booking_page, django_assert_max_num_queries
):
    client.get(booking_page.url)  # warm the site and settings lookups
    # 11 today: routing, site, settings and navigation, and one for the editors' questions.
    with django_assert_max_num_queries(12):
        assert client.get(booking_page.url).status_code == 200


def test_the_managers_listing_runs_a_bounded_number_of_queries(
    client, booking_page, booking_manager, django_assert_max_num_queries
):
    from tests.booking.factories import BookingSubmissionFactory

    BookingSubmissionFactory.create_batch(20, page=booking_page)
    client.force_login(booking_manager)
    url = reverse("booking_requests:index")
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
