"""The Spanish booking page asks for consent in Spanish, and each request keeps the version its
sender agreed to, so a manager reads the very words."""

import pytest
from django.urls import reverse

from booking.consent import CURRENT_BY_LANGUAGE, CURRENT_CONSENT_VERSION, consent_text
from booking.models import BookingSubmission
from tests.factories import live_spanish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def solicitud(booking_page):
    return live_spanish_translation(booking_page, title="Pedir una consulta", slug="pedir")


def test_the_spanish_page_asks_in_spanish_and_keeps_the_spanish_version(
    client, solicitud, booking_manager, valid_data
):
    spanish = CURRENT_BY_LANGUAGE["es"]
    assert consent_text(spanish) in client.get(solicitud.url).content.decode()
    client.post(solicitud.url, valid_data)
    submission = BookingSubmission.objects.get()
    assert submission.consent_version == spanish != CURRENT_CONSENT_VERSION
    client.force_login(booking_manager)
    html = client.get(reverse("booking_requests:request", args=[submission.pk])).content.decode()
    assert "Acepto que Northbridge Mind Clinic guarde" in html


def test_the_english_page_still_asks_in_english(client, booking_page, solicitud, valid_data):
    assert consent_text(CURRENT_CONSENT_VERSION) in client.get(booking_page.url).content.decode()
    client.post(booking_page.url, valid_data)
    assert BookingSubmission.objects.get().consent_version == CURRENT_CONSENT_VERSION
