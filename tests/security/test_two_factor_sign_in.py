"""Two-factor sign-in: required by role, set up after the password step, codes used once,
recovery codes, reset by administrators, and each change in the audit log."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from clinic.security.groups import CLINICIANS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
ADMIN = "/admin/"


@pytest.fixture(autouse=True)
def managers_must(settings):
    settings.STAFF_MFA = "managers"


def sign_in(client, user):
    """The password step, through Wagtail's sign-in form."""
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    return response


def current_code(device, drift=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + drift * device.step
    return f"{totp.token():06d}"


def enrol(client, user):
    """Set up an authenticator as a person would: open set-up, type the app's code."""
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("two_factor_setup"), {"code": current_code(device)})
    assert response.status_code == 200
    return device, [token.token for token in StaticToken.objects.filter(device__user=user)]


def test_a_manager_without_a_second_factor_is_taken_to_set_up_and_reaches_nothing_else(
    client, booking_manager
):
    sign_in(client, booking_manager)
    for url in [ADMIN, reverse("booking_requests:index"), "/admin/pages/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert 'src="data:image/svg+xml' in page and "Type the 6-digit code" in page


def test_enrolling_shows_ten_recovery_codes_and_opens_the_admin(client, booking_manager):
    sign_in(client, booking_manager)
    device, codes = enrol(client, booking_manager)
    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10
    assert client.get(ADMIN).status_code == 200
    entry = ModelLogEntry.objects.get(action="clinic.second_factor_set_up")
    assert entry.user == booking_manager and entry.object_id == str(booking_manager.pk)


def test_a_wrong_code_does_not_enrol(client, booking_manager):
    sign_in(client, booking_manager)
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=booking_manager, confirmed=True).exists()
    assert client.get(ADMIN).status_code == 302


def test_the_next_sign_in_asks_for_a_code_and_refuses_a_replayed_one(client, booking_manager):
    from django.test import Client

    sign_in(client, booking_manager)
    device, _ = enrol(client, booking_manager)
    used = current_code(device)  # the code set-up accepted

    other = Client()
    sign_in(other, booking_manager)
    assert other.get(ADMIN)["Location"].startswith(reverse("two_factor_verify"))
    response = other.post(reverse("two_factor_verify"), {"code": used})
    assert "was used already" in response.content.decode()
    assert other.get(ADMIN).status_code == 302
    assert ModelLogEntry.objects.filter(action="clinic.second_factor_failed").count() == 1


def test_a_recovery_code_works_once(client, booking_manager):
    from django.test import Client

    sign_in(client, booking_manager)
    _, codes = enrol(client, booking_manager)
    first, second = Client(), Client()
    sign_in(first, booking_manager)
    assert first.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 302
    assert first.get(ADMIN).status_code == 200
    sign_in(second, booking_manager)
    response = second.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert "was used already" in response.content.decode()
    assert second.get(ADMIN).status_code == 302
    assert StaticToken.objects.filter(device__user=booking_manager).count() == 9
    assert ModelLogEntry.objects.filter(action="clinic.recovery_code_used").exists()


@pytest.mark.parametrize(
    "rule, clinician_asked, manager_asked",
    [("off", False, False), ("managers", False, True), ("required", True, True)],
)
def test_who_must_use_it_follows_staff_mfa(
    settings, client, booking_manager, rule, clinician_asked, manager_asked
):
    settings.STAFF_MFA = rule
    clinician = UserFactory(username="writer", groups=[CLINICIANS])
    for user, asked in [(clinician, clinician_asked), (booking_manager, manager_asked)]:
        client.logout()
        sign_in(client, user)
        assert (client.get(ADMIN).status_code == 302) is asked, (rule, user.username)


def test_administrators_must_use_it_too(client, superuser):
    sign_in(client, superuser)
    assert client.get(ADMIN)["Location"].startswith(reverse("two_factor_setup"))


def test_an_administrator_resets_a_lost_factor_and_it_is_logged(client, booking_manager, superuser):
    from django.test import Client

    manager_client = Client()
    sign_in(manager_client, booking_manager)
    enrol(manager_client, booking_manager)

    sign_in(client, superuser)
    enrol(client, superuser)
    users_page = client.get(reverse("wagtailusers_users:index")).content.decode()
    reset_url = reverse("two_factor_reset", args=[booking_manager.pk])
    assert reset_url in users_page
    assert client.post(reset_url).status_code == 302
    assert not TOTPDevice.objects.filter(user=booking_manager).exists()
    assert not StaticToken.objects.filter(device__user=booking_manager).exists()
    entry = ModelLogEntry.objects.get(action="clinic.second_factor_reset")
    assert entry.user == superuser and entry.object_id == str(booking_manager.pk)

    again = Client()
    sign_in(again, booking_manager)
    assert again.get(ADMIN)["Location"].startswith(reverse("two_factor_setup"))


def test_only_administrators_reset(client, booking_manager):
    sign_in(client, booking_manager)
    enrol(client, booking_manager)
    response = client.post(reverse("two_factor_reset", args=[booking_manager.pk]))
    assert response.status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=booking_manager, confirmed=True).exists()


def test_the_next_address_cannot_lead_off_the_site(client, booking_manager):
    sign_in(client, booking_manager)
    device, _ = enrol(client, booking_manager)
    from django.test import Client

    other = Client()
    sign_in(other, booking_manager)
    response = other.post(
        reverse("two_factor_verify") + "?next=https://evil.example/",
        {"code": current_code(device, drift=1)},
    )
    assert response["Location"] == ADMIN


def test_a_person_at_the_second_step_can_still_sign_out(client, booking_manager):
    sign_in(client, booking_manager)
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302
    assert client.get(ADMIN)["Location"].startswith(reverse("wagtailadmin_login"))
