"""The second-step pages tell staff what happened, in words true for them.

Wagtail's sign-in stylesheet hides field errors on this layout, so errors are said in an
alert outside the form; a code refused because of earlier wrong ones says how long to wait;
the set-up page gives each role its own reason; recovery codes can be copied or printed.
"""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from clinic.security.groups import CLINICAL_REVIEWERS, CLINICIANS
from tests.factories import UserFactory
from tests.security.test_two_factor_sign_in import ADMIN, current_code, enrol, sign_in

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def managers_must(settings):
    settings.STAFF_MFA = "managers"


def shown_errors(response):
    """Texts of the alerts outside any sign-in form (where the stylesheet hides nothing)."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        alert.get_text(" ", strip=True)
        for alert in soup.select('[role="alert"]')
        if not alert.find_parent(class_="login-form")
    ]


@pytest.fixture
def clock():
    """The whole test at one still moment (codes, sessions, throttling), moved by hand."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def enrolled(clock, client, booking_manager):
    """A manager with an authenticator, at the code step in a fresh session."""
    sign_in(client, booking_manager)
    device, codes = enrol(client, booking_manager)
    again = Client()
    sign_in(again, booking_manager)
    return again, device


def test_a_wrong_code_at_the_second_step_is_shown_in_an_alert(enrolled):
    client, _ = enrolled
    response = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert any("That code is not right" in text for text in shown_errors(response))


def test_an_empty_code_is_shown_in_an_alert(enrolled):
    client, _ = enrolled
    response = client.post(reverse("two_factor_verify"), {"code": ""})
    assert any("Type the code" in text for text in shown_errors(response))


def test_a_wrong_code_at_set_up_is_shown_in_an_alert(client, booking_manager):
    sign_in(client, booking_manager)
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert any("That code is not right" in text for text in shown_errors(response))


def throttle(device, failures):
    """As django-otp leaves a device after `failures` wrong codes in a row, just now."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_count=failures, throttling_failure_timestamp=timezone.now()
    )
    device.refresh_from_db()


def test_a_right_code_refused_after_wrong_ones_says_how_long_to_wait(clock, enrolled):
    client, device = enrolled
    clock.shift(40)  # past the code that set-up used
    throttle(device, failures=4)  # django-otp waits 8 seconds after four wrong codes
    clock.shift(1)
    response = client.post(reverse("two_factor_verify"), {"code": current_code(device)})
    errors = " ".join(shown_errors(response))
    assert "Wait 7 seconds" in errors
    assert "not right" not in errors
    assert not ModelLogEntry.objects.filter(action="clinic.second_factor_failed").exists()
    assert client.get(ADMIN).status_code == 302  # still at the second step

    clock.shift(8)
    response = client.post(reverse("two_factor_verify"), {"code": current_code(device)})
    assert response.status_code == 302 and response["Location"] == ADMIN


def test_a_code_refused_at_set_up_after_wrong_ones_says_how_long_to_wait(
    clock, client, booking_manager
):
    sign_in(client, booking_manager)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=booking_manager)
    throttle(device, failures=2)
    response = client.post(reverse("two_factor_setup"), {"code": current_code(device)})
    assert "Wait 2 seconds" in " ".join(shown_errors(response))
    device.refresh_from_db()
    assert not device.confirmed


def setup_page(client, user):
    sign_in(client, user)
    return BeautifulSoup(client.get(reverse("two_factor_setup")).content, "html.parser")


@pytest.mark.parametrize("group", [CLINICIANS, CLINICAL_REVIEWERS])
def test_staff_who_read_no_requests_are_not_told_they_do(settings, client, group):
    settings.STAFF_MFA = "required"
    page = setup_page(client, UserFactory(username="writer", groups=[group])).get_text()
    assert "health information" not in page and "booking requests" not in page
    assert "every staff account" in page


def test_managers_are_told_they_read_health_information(client, booking_manager):
    page = setup_page(client, booking_manager).get_text()
    assert "Your account can read health information" in page


def test_recovery_codes_can_be_copied_or_printed_without_inline_script(client, booking_manager):
    sign_in(client, booking_manager)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=booking_manager)
    response = client.post(reverse("two_factor_setup"), {"code": current_code(device)})
    soup = BeautifulSoup(response.content, "html.parser")
    # Without JavaScript: the ten codes as text, and no buttons that would do nothing.
    assert len(soup.select("#recovery-codes li code")) == 10
    actions = soup.select_one("#recovery-code-actions")
    assert actions.has_attr("hidden")
    assert {button.get_text(strip=True) for button in actions.select("button")} == {
        "Copy the codes",
        "Print the codes",
    }
    # With it: a same-origin file, so the admin's policy runs it without a nonce.
    sources = [script.get("src", "") for script in soup.select("main script")]
    assert sources and all(src.endswith("clinic/js/recovery-codes.js") for src in sources)
    stylesheet = soup.select_one('link[href$="clinic/css/two-factor.css"]')
    assert stylesheet is not None
    with open(finders.find("clinic/css/two-factor.css")) as css:
        assert "@media print" in css.read()
