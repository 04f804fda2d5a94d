"""Failed sign-ins lock an account for the address they came from (django-axes,
clinic/security/lockouts.py): the page says until when, administrators can unlock, every step is in
the audit log, the counts live in the database that every app server shares."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import ModelLogEntry

from clinic.security.lockouts import lockout_response

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # every UserFactory user's (tests/factories.py)
WRONG = "not-the-password"
HOME = "198.51.100.10"
ELSEWHERE = "203.0.113.20"
LOCKED = "Too many failed sign-ins for this account from your network."
# 17:50 UTC on 10 March 2026 is 13:50 in New York (EDT): a lockout then ends at 14:05.
START = datetime.datetime(2026, 3, 10, 17, 50, tzinfo=datetime.UTC)
UNTIL_MESSAGE = "Try again after 14:05 (in 15 minutes), or ask an administrator to unlock it."


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sign_in(client, username, password=PASSWORD, ip=HOME, **headers):
    """Wagtail's sign-in form, posted as a browser would."""
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **headers,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, username, times, ip=HOME, **headers):
    return [sign_in(client, username, WRONG, ip, **headers).status_code for _ in range(times)]


def lock(client, username, ip=HOME):
    """Five wrong passwords: the fifth answer is already the lockout page."""
    assert fail(client, username, 5, ip) == [200, 200, 200, 200, 429]


def entries(action, user):
    return ModelLogEntry.objects.filter(action=action, object_id=str(user.pk))


def test_four_failures_then_the_right_password_signs_in_and_clears_the_count(
    client, booking_manager
):
    assert fail(client, "manager", 4) == [200] * 4
    assert AccessAttempt.objects.get(username="manager").failures_since_start == 4

    assert sign_in(client, "manager").status_code == 302
    assert signed_in(client)
    assert not AccessAttempt.objects.filter(username="manager").exists()

    # The count starts again: four more failures (eight in all) still do not lock.
    again = Client()
    assert fail(again, "manager", 4) == [200] * 4
    assert sign_in(again, "manager").status_code == 302


def test_five_failures_lock_the_account_for_that_address_and_the_page_says_until_when(
    client, booking_manager, clock
):
    lock(client, "manager")

    refused = sign_in(client, "manager")  # the right password now
    assert refused.status_code == 429
    assert not signed_in(client)
    page = refused.content.decode()
    assert LOCKED in page and UNTIL_MESSAGE in page
    assert "Please enter a correct" not in page  # the lockout replaces the usual error
    assert refused["Retry-After"] == "900"
    assert "no-store" in refused["Cache-Control"]
    # Wagtail's own sign-in page, the typed username kept.
    assert "wagtailadmin/login.html" in [t.name for t in refused.templates]
    assert 'value="manager"' in page

    clock.shift(datetime.timedelta(minutes=5))
    later = sign_in(client, "manager")
    assert later.status_code == 429
    assert "Try again after 14:05 (in 10 minutes)" in later.content.decode()


def test_another_address_and_another_account_are_not_locked(client, booking_manager, superuser):
    lock(client, "manager", ip=HOME)

    assert sign_in(Client(), "manager", ip=ELSEWHERE).status_code == 302
    assert sign_in(Client(), "admin", ip=HOME).status_code == 302
    assert sign_in(Client(), "manager", ip=HOME).status_code == 429


def test_the_lock_ends_15_minutes_after_the_failure_that_caused_it(client, booking_manager, clock):
    lock(client, "manager")

    # Trying again before the time does not push it back.
    clock.shift(datetime.timedelta(minutes=14))
    assert sign_in(client, "manager").status_code == 429

    clock.shift(datetime.timedelta(minutes=1, seconds=1))
    assert sign_in(client, "manager").status_code == 302
    assert signed_in(client)


def test_forged_forwarded_for_addresses_do_not_dodge_the_limit(client, booking_manager, settings):
    settings.BOOKING_TRUSTED_PROXY_COUNT = 0
    statuses = [
        sign_in(client, "manager", WRONG, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get(username="manager").ip_address == HOME


def test_behind_our_proxy_the_address_is_the_hop_the_proxy_wrote(client, booking_manager, settings):
    settings.BOOKING_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # The client writes whatever it likes to the left; our proxy appends the real address.
    statuses = [
        sign_in(
            client, "manager", WRONG, proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {HOME}"
        ).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get(username="manager").ip_address == HOME
    # Someone else behind the same proxy is not locked out.
    other = sign_in(Client(), "manager", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert other.status_code == 302


def test_an_administrator_sees_the_lockout_and_unlocks_it(client, booking_manager, superuser):
    lock(Client(), "manager", ip=HOME)
    client.force_login(superuser)

    listing = client.get(reverse("clinic_lockouts"))
    assert listing.status_code == 200
    (row,) = listing.context["lockouts"]
    assert (row["account"], row["ip_address"], row["failures"]) == ("manager", HOME, 5)
    page = listing.content.decode()
    assert "manager" in page and HOME in page
    assert "Sign-in lockouts" in client.get(reverse("wagtailadmin_home")).content.decode()

    response = client.post(reverse("clinic_lockouts_unlock", args=[row["row_id"]]))
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="manager").exists()
    assert client.get(reverse("clinic_lockouts")).context["lockouts"] == []
    assert sign_in(Client(), "manager", ip=HOME).status_code == 302

    (entry,) = entries("clinic.unlocked", booking_manager)
    assert entry.user == superuser
    assert entry.data == {"ip_address": HOME}


def test_a_name_that_is_no_account_is_listed_without_the_typed_text(client, superuser):
    lock(Client(), "s3cret-typed-in-the-wrong-box", ip=HOME)
    client.force_login(superuser)
    listing = client.get(reverse("clinic_lockouts"))
    (row,) = listing.context["lockouts"]
    assert row["account"] is None
    assert "s3cret-typed-in-the-wrong-box" not in listing.content.decode()
    # The typed name is no account: the audit log has nothing to attach it to.
    actions = ["clinic.sign_in_failed", "clinic.locked_out"]
    assert not ModelLogEntry.objects.filter(action__in=actions).exists()


def test_only_administrators_may_see_or_unlock_lockouts(client, booking_manager, clinician):
    lock(Client(), "clinician", ip=HOME)
    row_id = AccessAttempt.objects.get(username="clinician").pk
    client.force_login(booking_manager)

    listing = client.get(reverse("clinic_lockouts"))
    assert listing.status_code == 302 and listing["Location"] == reverse("wagtailadmin_home")
    unlock = client.post(reverse("clinic_lockouts_unlock", args=[row_id]))
    assert unlock.status_code == 302 and unlock["Location"] == reverse("wagtailadmin_home")
    assert AccessAttempt.objects.filter(username="clinician").exists()
    assert not ModelLogEntry.objects.filter(action="clinic.unlocked").exists()
    assert "Sign-in lockouts" not in client.get(reverse("wagtailadmin_home")).content.decode()

    assert sign_in(Client(), "clinician", ip=HOME).status_code == 429


def test_sign_ins_failures_and_lockouts_are_in_the_audit_log(client, booking_manager, clock):
    assert sign_in(Client(), "manager").status_code == 302
    lock(client, "manager")
    assert sign_in(client, "manager").status_code == 429  # refused: one more failure entry

    (signed,) = entries("clinic.sign_in", booking_manager)
    failed = entries("clinic.sign_in_failed", booking_manager)
    (locked,) = entries("clinic.locked_out", booking_manager)  # once, not per refusal
    assert failed.count() == 6
    for entry in [signed, locked, *failed]:
        assert entry.user == booking_manager
        assert entry.data == {"ip_address": HOME}
        assert entry.timestamp == START
    assert "from 198.51.100.10" in locked.message
    assert locked.formatter.label == "Sign-in locked"
    logged = str(list(ModelLogEntry.objects.values_list("data", flat=True)))
    assert PASSWORD not in logged and WRONG not in logged


def test_the_attempts_live_in_the_database_that_every_app_server_shares(booking_manager):
    first_server, second_server = Client(), Client()
    lock(first_server, "manager", ip=HOME)

    cache.clear()  # nothing kept in one process's memory
    assert sign_in(second_server, "manager", ip=HOME).status_code == 429
    attempt = AccessAttempt.objects.get(username="manager", ip_address=HOME)
    assert attempt.failures_since_start == 5
    assert WRONG not in attempt.post_data  # axes masks the password


def test_the_public_site_is_unaffected_by_a_lockout(client, booking_manager, home_page):
    lock(Client(), "manager", ip=HOME)
    for _ in range(20):
        assert client.get(home_page.url, REMOTE_ADDR=HOME).status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 5


def test_the_lockout_page_never_fails_even_without_the_sign_in_views_context():
    request = RequestFactory().post("/admin/login/", {"username": "manager", "password": WRONG})
    response = lockout_response(request, None, {"username": "manager"})
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert int(response["Retry-After"]) > 0
