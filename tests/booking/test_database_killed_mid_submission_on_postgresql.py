"""On real PostgreSQL: the connection killed (pg_terminate_backend from another connection) at
the moment a booking request is inserted. No request lost, none stored twice, none half-saved;
and the next request in the same process succeeds (CONN_HEALTH_CHECKS)."""

import io
import socket
from contextlib import contextmanager

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from booking.models import BookingSubmission

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL): it kills a real server connection; CI runs it",
    ),
    # The connection is killed: no test transaction to roll back; the rows migrations made are
    # put back after each test (serialized_rollback).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def spool(settings, tmp_path):
    settings.BOOKING_SPOOL_DIR = tmp_path / "spool"
    settings.OUTAGE_COPY_DIR = tmp_path / "outage"
    return settings.BOOKING_SPOOL_DIR


def kill(backend_pid):
    """pg_terminate_backend from a connection of its own, as an operator or a restart would."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend_pid])


@contextmanager
def killed_at_the_insert():
    def wrapper(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "booking_bookingsubmission"'):
            kill(context["connection"].connection.info.backend_pid)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def serve(path):
    """A GET through Django's WSGI handler, as gunicorn calls it: request_started closes or
    checks the connections as in production (the test client skips that)."""
    request = RequestFactory().get(path)
    status = []
    body = WSGIHandler()(request.environ, lambda code, headers: status.append(code))
    return int(status[0].split()[0]), b"".join(body).decode()


def test_a_killed_connection_mid_submission_loses_nothing_and_stores_once(
    client, booking_page, valid_data, spool
):
    with killed_at_the_insert():
        response = client.post(booking_page.url, valid_data)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Thank you: your request has been sent" in html
    assert BookingSubmission.objects.count() == 0  # nothing half-saved
    assert len(list(spool.glob("*.held"))) == 1

    call_command("store_held_requests", stdout=io.StringIO())
    call_command("store_held_requests", stdout=io.StringIO())

    submission = BookingSubmission.objects.get()  # stored, once
    assert submission.form_data["full_name"] == "Avery Example"
    assert submission.held_reference in html
    assert not list(spool.glob("*.held"))


def test_the_next_request_after_the_connection_was_killed_succeeds(home_page):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert serve("/")[0] == 200
    kill(connection.connection.info.backend_pid)  # the persistent connection dies

    assert serve("/")[0] == 200


@contextmanager
def server_unreachable():
    """PostgreSQL gone for whole requests: every new connection is refused (a port where
    nothing listens), as while the server restarts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=closed_port)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(HOST=saved["HOST"], PORT=saved["PORT"])


def test_a_request_posted_while_the_server_is_gone_is_held_and_stored_once(
    booking_page, valid_data, spool
):
    from booking import form_copy

    form_copy.keep_form_copy()
    visitor = Client(raise_request_exception=False)
    with server_unreachable():
        with pytest.raises(OperationalError):
            connection.ensure_connection()  # the server is really out of reach
        response = visitor.post(booking_page.url, valid_data)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Thank you: your request has been sent" in html
    [path] = spool.glob("*.held")

    call_command("store_held_requests", stdout=io.StringIO())
    call_command("store_held_requests", stdout=io.StringIO())

    submission = BookingSubmission.objects.get()
    assert submission.held_reference == path.name.removesuffix(".held")
    assert submission.held_reference in html
    assert submission.page_id == booking_page.pk
    assert not list(spool.glob("*.held"))
