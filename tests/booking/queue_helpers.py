"""Requests in a given state, and a second manager, for the queue's tests."""

import datetime

from django.utils import timezone

from booking.models import BookingSubmission
from clinic.security.groups import BOOKING_MANAGERS
from tests.booking.factories import BookingSubmissionFactory
from tests.factories import UserFactory


def make_request(page, name="Sam Sample", email="sam@example.com", phone="", **queue):
    """A request with its answers; `queue` sets status, owner, reply_due or submit_time."""
    submission = BookingSubmissionFactory(
        page=page,
        form_data={"full_name": name, "email": email, "phone": phone, "contact_method": "Email"},
    )
    if queue:
        BookingSubmission.objects.filter(pk=submission.pk).update(**queue)
        submission.refresh_from_db()
    return submission


def hours_from_now(hours):
    return timezone.now() + datetime.timedelta(hours=hours)


def second_manager():
    return UserFactory(
        username="dana", first_name="Dana", last_name="Reyes", groups=[BOOKING_MANAGERS]
    )
