"""Password reset requests are limited per email address and per network address; past a
limit no email is sent and the visitor sees exactly what they would have seen otherwise
(clinic/security/password_reset.py)."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"


def ask(client, email, address="203.0.113.7"):
    """One reset request; the page it leads to (less its CSRF token, new on every page)."""
    response = client.post(RESET, {"email": email}, REMOTE_ADDR=address)
    assert response.status_code == 302 and response["Location"] == DONE
    page = client.get(DONE).content.decode()
    return re.sub(r'("CSRF_TOKEN": |name="csrfmiddlewaretoken" value=)"[^"]*"', "", page)


@override_settings(PASSWORD_RESET_LIMIT_PER_EMAIL=3, PASSWORD_RESET_LIMIT_PER_ADDRESS=10)
def test_the_fourth_request_for_one_address_sends_nothing_and_looks_the_same(client, clinician):
    pages = []
    for n, address in enumerate(["203.0.113.7", "198.51.100.1", "198.51.100.2"], start=1):
        pages.append(ask(client, clinician.email, address))
        assert len(mail.outbox) == n
    refused = ask(client, clinician.email, "198.51.100.3")  # a new machine changes nothing
    assert len(mail.outbox) == 3
    assert refused == pages[0]


@override_settings(PASSWORD_RESET_LIMIT_PER_EMAIL=3, PASSWORD_RESET_LIMIT_PER_ADDRESS=10)
def test_the_eleventh_request_from_one_network_address_sends_nothing(client, db):
    people = [UserFactory(username=f"staff{n}", email=f"staff{n}@example.com") for n in range(11)]
    first = ask(client, people[0].email)
    for person in people[1:10]:
        ask(client, person.email)
    assert len(mail.outbox) == 10
    assert ask(client, people[10].email) == first
    assert len(mail.outbox) == 10
    ask(client, people[10].email, address="198.51.100.9")  # another network address may
    assert len(mail.outbox) == 11


@override_settings(PASSWORD_RESET_LIMIT_PER_EMAIL=3, PASSWORD_RESET_LIMIT_PER_ADDRESS=10)
def test_unknown_addresses_count_too(client, clinician):
    for n in range(10):
        ask(client, f"nobody{n}@example.com")
    assert len(mail.outbox) == 0
    ask(client, clinician.email)
    assert len(mail.outbox) == 0


@override_settings(PASSWORD_RESET_LIMIT_PER_EMAIL=2, PASSWORD_RESET_LIMIT_PER_ADDRESS=10)
def test_the_limits_hold_per_server_while_redis_is_down(client, clinician, redis_cache):
    redis_cache.stop()
    for _ in range(3):
        ask(client, clinician.email)
    assert len(mail.outbox) == 2
