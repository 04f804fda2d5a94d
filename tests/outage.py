"""A database that is down, for tests: every query and every new connection raises
OperationalError, as psycopg's do (wrapped by Django) while PostgreSQL restarts."""

from contextlib import contextmanager
from unittest import mock

from django.db import OperationalError, connection


def refuse(*args, **kwargs):
    raise OperationalError("connection to server failed: Connection refused")


@contextmanager
def database_down():
    """Within the block the default database cannot be reached; the test's own transaction
    is left as it was, so it is rolled back as usual afterwards."""
    with (
        mock.patch.object(connection, "ensure_connection", refuse),
        mock.patch.object(connection, "_cursor", refuse),
    ):
        yield


@contextmanager
def insert_fails():
    """The database goes away at the moment a booking request's row is inserted."""

    def wrapper(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "booking_bookingsubmission"'):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield
