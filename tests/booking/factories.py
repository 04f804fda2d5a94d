"""Booking requests for tests: stored directly, as a submitted form would store them."""

import factory
from django.utils import timezone

from booking.consent import CURRENT_CONSENT_VERSION
from booking.models import BookingSubmission


class BookingSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingSubmission

    form_data = factory.LazyFunction(
        lambda: {
            "full_name": "Sam Sample",
            "email": "sam@example.com",
            "phone": "",
            "contact_method": "Email",
        }
    )
    consent_version = CURRENT_CONSENT_VERSION
    consented_at = factory.LazyFunction(timezone.now)
