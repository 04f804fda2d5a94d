"""Automatic logoff of staff (clinic/security/staff_sessions.py): idle and absolute limits, signing
out everywhere, password changes, no sessions for visitors, and what it costs per request."""

import datetime
import importlib

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from clinic.security.staff_sessions import SESSION_EXPIRED, SIGNED_OUT_EVERYWHERE

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
LOGIN_REDIRECT = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"  # tests/factories.py
MIDDLEWARE = "clinic.security.staff_sessions.StaffSessionMiddleware"
IDLE_MESSAGE = "You were signed out after 30 minutes without activity."
ABSOLUTE_MESSAGE = "You were signed out after 12 hours; please sign in again."


@pytest.fixture
def clock():
    """Time stands still until a test moves it (time.time and timezone.now alike)."""
    start = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def later(clock, **delta):
    clock.shift(datetime.timedelta(**delta))


def sign_in(client, user, **extra):
    """Through Wagtail's sign-in form, as staff do."""
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, **extra}
    )
    assert response.status_code == 302, "sign-in failed"
    return client


def signed_in(client):
    response = client.get(ADMIN)
    assert response.status_code in (200, 302)
    return response.status_code == 200


def assert_sent_to_sign_in(client, message):
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == LOGIN_REDIRECT
    login_page = client.get(response["Location"]).content.decode()
    assert message in login_page
    assert not signed_in(client)


def expiries(user):
    return list(
        ModelLogEntry.objects.filter(action=SESSION_EXPIRED, object_id=str(user.pk)).values_list(
            "data", "user_id"
        )
    )


# Idleness


def test_29_minutes_without_activity_keep_the_session(client, booking_manager, clock):
    sign_in(client, booking_manager)
    later(clock, minutes=29)
    assert signed_in(client)
    assert expiries(booking_manager) == []


def test_31_minutes_without_activity_end_the_session(client, booking_manager, clock):
    sign_in(client, booking_manager)
    later(clock, minutes=31)
    assert_sent_to_sign_in(client, IDLE_MESSAGE)
    assert not Session.objects.exists()  # the session row is gone, not just unused
    assert expiries(booking_manager) == [({"reason": "idle"}, booking_manager.pk)]


def test_the_entry_is_in_the_site_history_with_its_label(client, superuser, clock):
    sign_in(client, superuser)
    later(clock, minutes=31)
    client.get(ADMIN)
    sign_in(client, superuser)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Signed out automatically after a period without activity" in history


def test_the_editor_pinging_in_the_background_is_not_activity(client, booking_manager, clock):
    """Wagtail's editor pings every 10 seconds while it is open: an editor left open on an
    unattended computer must not keep the session alive."""
    sign_in(client, booking_manager)
    for _ in range(7):
        later(clock, minutes=5)
        client.post("/admin/editing-sessions/ping/wagtailcore/page/1/1/")
    later(clock, seconds=1)  # 35 minutes since the last real request
    assert_sent_to_sign_in(client, IDLE_MESSAGE)


# The absolute limit


def test_activity_keeps_the_session_up_to_12_hours_and_not_beyond(client, booking_manager, clock):
    sign_in(client, booking_manager)
    for _ in range(35):  # a request every 20 minutes, up to 11 h 40
        later(clock, minutes=20)
        assert signed_in(client)
    later(clock, minutes=19)
    assert signed_in(client)  # 11 h 59
    later(clock, minutes=2)
    assert_sent_to_sign_in(client, ABSOLUTE_MESSAGE)  # 12 h 01, two minutes after a request
    assert expiries(booking_manager) == [({"reason": "absolute"}, booking_manager.pk)]


def test_a_remembered_cookie_does_not_outlive_the_absolute_limit(
    client, booking_manager, clock, settings
):
    settings.STAFF_SESSION_IDLE_MINUTES = 24 * 60  # only the absolute limit matters here
    sign_in(client, booking_manager, remember="on")
    later(clock, hours=11)
    response = client.get(ADMIN)
    assert response.status_code == 200
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 3600  # the hour left, not 12 more hours
    session = Session.objects.get()
    assert session.expire_date == datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC)


def test_the_settings_change_the_limits(client, booking_manager, clock, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    settings.STAFF_SESSION_MAX_HOURS = 1
    sign_in(client, booking_manager)
    later(clock, minutes=4)
    assert signed_in(client)
    later(clock, minutes=6)
    assert_sent_to_sign_in(client, "You were signed out after 5 minutes without activity.")

    sign_in(client, booking_manager)
    for _ in range(14):  # a request every 4 minutes, up to 56 minutes
        later(clock, minutes=4)
        assert signed_in(client)
    later(clock, minutes=5)
    assert_sent_to_sign_in(client, "You were signed out after 1 hour; please sign in again.")


@pytest.fixture
def reload_base_settings():
    """Settings modules read the environment once: reload base.py, then again afterwards so
    that later tests see its ordinary values."""
    import clinic.settings.base as base

    yield lambda: importlib.reload(base)
    importlib.reload(base)


def test_the_limits_come_from_the_environment(monkeypatch, reload_base_settings):
    base = reload_base_settings()
    assert (base.STAFF_SESSION_IDLE_MINUTES, base.STAFF_SESSION_MAX_HOURS) == (30, 12)
    assert base.SESSION_COOKIE_AGE == 12 * 3600
    monkeypatch.setenv("STAFF_SESSION_IDLE_MINUTES", "15")
    monkeypatch.setenv("STAFF_SESSION_MAX_HOURS", "8")
    base = reload_base_settings()
    assert (base.STAFF_SESSION_IDLE_MINUTES, base.STAFF_SESSION_MAX_HOURS) == (15, 8)
    assert base.SESSION_COOKIE_AGE == 8 * 3600
    assert MIDDLEWARE in base.MIDDLEWARE


# Signing out everywhere, password changes


def test_signing_out_ends_the_users_other_sessions_but_no_one_elses(
    booking_manager, superuser, clock
):
    desk, laptop, colleague = Client(), Client(), Client()
    sign_in(desk, booking_manager)
    sign_in(laptop, booking_manager)
    sign_in(colleague, superuser)
    later(clock, minutes=1)

    assert desk.post("/admin/logout/").status_code == 302
    later(clock, seconds=1)
    assert_sent_to_sign_in(laptop, "You signed out on another device; please sign in again.")
    assert signed_in(colleague)
    entries = ModelLogEntry.objects.filter(action=SIGNED_OUT_EVERYWHERE)
    assert list(entries.values_list("object_id", "user_id")) == [
        (str(booking_manager.pk), booking_manager.pk)
    ]

    # Signing in again, even within the same second, starts sessions that last.
    sign_in(laptop, booking_manager)
    sign_in(desk, booking_manager)
    assert signed_in(laptop) and signed_in(desk)


def test_an_idle_session_ending_leaves_the_users_other_sessions_alone(booking_manager, clock):
    desk, laptop = Client(), Client()
    sign_in(desk, booking_manager)
    sign_in(laptop, booking_manager)
    later(clock, minutes=20)
    assert signed_in(laptop)
    later(clock, minutes=11)
    assert_sent_to_sign_in(desk, IDLE_MESSAGE)
    assert signed_in(laptop)
    assert not ModelLogEntry.objects.filter(action=SIGNED_OUT_EVERYWHERE).exists()


def account_form(response):
    """What the account page's form sends unchanged: every panel's fields are submitted."""
    page = BeautifulSoup(response.content, "html.parser")
    form = page.find("input", attrs={"name": "password-new_password1"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name, kind = field.get("name"), field.get("type", "")
        if not name or kind in ("file", "password", "submit"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        else:
            data[name] = field.get("value", "")
    return data


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(booking_manager, clock):
    desk, laptop = Client(), Client()
    sign_in(desk, booking_manager)
    sign_in(laptop, booking_manager)
    new_password = "a-new-and-longer-passphrase"
    data = account_form(desk.get("/admin/account/"))
    data.update(
        {
            "name_email-first_name": "Booking",  # required here; the factory leaves them blank
            "name_email-last_name": "Manager",
            "password-old_password": PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
        }
    )
    response = desk.post("/admin/account/", data)
    assert response.status_code == 302, "the password change was refused"
    booking_manager.refresh_from_db()
    assert booking_manager.check_password(new_password)

    assert signed_in(desk)
    response = laptop.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == LOGIN_REDIRECT


# Visitors, and the cost


def test_visitors_get_no_session_cookie(client, home_page):
    for path in ("/", home_page.url, "/search/?q=ketamine", "/no-such-page/", "/admin/login/"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert "sessionid" not in response.cookies, path
    assert not Session.objects.exists()


def test_a_stale_or_forged_session_cookie_does_not_make_a_session(client, home_page):
    client.cookies["sessionid"] = "no-such-session"
    assert client.get("/").status_code == 200
    response = client.get(ADMIN)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not Session.objects.exists()


def admin_view_queries(user, clock):
    client = Client()
    sign_in(client, user)
    assert signed_in(client)  # warm: caches filled, last_seen just written
    later(clock, seconds=30)
    with CaptureQueriesContext(connection) as queries:
        assert signed_in(client)
    return [query["sql"] for query in queries.captured_queries]


def test_an_admin_page_costs_one_small_query_more(booking_manager, clock, settings):
    with_limits = admin_view_queries(booking_manager, clock)
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    without = admin_view_queries(booking_manager, clock)
    print(f"\nQUERIES {len(with_limits)} with the middleware, {len(without)} without")
    assert len(with_limits) == len(without) + 1
    extra = [sql for sql in with_limits if "clinic_staffsessionepoch" in sql]
    assert len(extra) == 1
    assert not any("UPDATE" in sql and "django_session" in sql for sql in with_limits)


def test_the_session_is_written_at_most_once_a_minute(client, booking_manager, clock):
    sign_in(client, booking_manager)

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            assert signed_in(client)
        return [q["sql"] for q in queries.captured_queries if "UPDATE" in q["sql"]]

    later(clock, seconds=50)
    assert not any("django_session" in sql for sql in session_writes())
    later(clock, seconds=20)
    assert any("django_session" in sql for sql in session_writes())
