"""`GET /admin/logout/` changes nothing (it asks, with a Sign out button); a POST signs out for
real: the server session ends, the cookie goes, and the audit log says so
(clinic/security/sign_out.py). Never the cookie deleted while the session stays valid on the
server."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from wagtail.models import ModelLogEntry

from clinic.security.staff_sessions import SIGNED_OUT_EVERYWHERE
from tests.security.test_staff_sessions import sign_in, signed_in

pytestmark = pytest.mark.django_db

LOGOUT = "/admin/logout/"


def holder_of(session_key):
    """Someone else presenting the same session cookie (a stolen or shared one)."""
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return other


@pytest.mark.parametrize("role", ["clinician", "reviewer", "booking_manager", "superuser"])
def test_a_get_neither_deletes_the_cookie_nor_ends_the_session(client, role, request):
    sign_in(client, request.getfixturevalue(role))
    key = client.cookies[settings.SESSION_COOKIE_NAME].value

    response = client.get(LOGOUT)

    assert response.status_code == 200
    assert "Sign out" in response.content.decode()
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # the cookie is left alone
    assert Session.objects.filter(session_key=key).exists()
    assert signed_in(client) and signed_in(holder_of(key))  # consistent: still signed in
    assert not ModelLogEntry.objects.filter(action=SIGNED_OUT_EVERYWHERE).exists()


@pytest.mark.parametrize("role", ["clinician", "reviewer", "booking_manager", "superuser"])
def test_a_post_ends_the_server_session_and_is_logged(client, role, request):
    user = request.getfixturevalue(role)
    sign_in(client, user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 0
    assert not Session.objects.filter(session_key=key).exists()
    assert not signed_in(holder_of(key))
    entry = ModelLogEntry.objects.get(action=SIGNED_OUT_EVERYWHERE)
    assert entry.user_id == user.pk
