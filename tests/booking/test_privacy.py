"""Submitted values stay out of emails, logs, error reports and URLs; failures keep the request."""

import logging

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.views.debug import SafeExceptionReporterFilter

from booking.models import BookingSubmission

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_failing_email_backend_keeps_the_request_and_thanks_the_visitor(
    client, booking_page, valid_data, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.booking.test_privacy.FailingBackend"
    booking_logger = logging.getLogger("booking")
    booking_logger.addHandler(caplog.handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(booking_page.url, valid_data, follow=True)
    finally:
        booking_logger.removeHandler(caplog.handler)

    assert response.status_code == 200
    assert "your request has been sent" in response.content.decode()
    submission = BookingSubmission.objects.get()
    records = [r for r in caplog.records if r.name == "booking"]
    assert len(records) == 1
    assert f"booking request {submission.pk}" in records[0].getMessage()
    logged = caplog.text
    for value in ["Avery Example", "avery@example.com", "Mornings are best."]:
        assert value not in logged


def test_the_booking_view_hides_post_values_from_error_reports(rf, booking_page, valid_data):
    request = rf.post(booking_page.url, valid_data)
    request.user = None
    view, args, kwargs = booking_page.resolve_subpage("/")
    response = view(request, *args, **kwargs)
    assert response.status_code == 302
    assert request.sensitive_post_parameters == "__ALL__"
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert cleansed["email"] != valid_data["email"]
    assert cleansed["full_name"] != valid_data["full_name"]


def test_the_submission_string_never_shows_answers(booking_page):
    from tests.booking.factories import BookingSubmissionFactory

    submission = BookingSubmissionFactory(page=booking_page)
    assert "Sam Sample" not in str(submission)


def test_nothing_submitted_appears_in_the_redirect(client, booking_page, valid_data):
    response = client.post(booking_page.url, valid_data)
    location = response["Location"]
    assert location == "/book-a-consultation/thank-you/"
    assert "?" not in location
