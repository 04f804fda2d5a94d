"""run_scheduled_jobs runs the jobs of one interval of SCHEDULED_JOBS in order, logs each one,
and keeps going past a failing job, exiting non-zero at the end naming it."""

import datetime
import logging
import os
import subprocess
import sys
from io import StringIO
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.management.commands import clearsessions
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.utils import timezone

import booking.demo
from booking.models import BookingSubmission
from clinic.documents.demo import load_section
from clinic.settings.base import BASE_DIR
from tests.booking.factories import BookingSubmissionFactory
from tests.factories import UserFactory

LOGGER = "clinic.management.commands.run_scheduled_jobs"


@pytest.fixture
def job_log(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    return caplog


@pytest.fixture
def booking_page(home_page):
    return load_section(booking.demo, home_page)


@pytest.fixture
def expired_session(db):
    session = SessionStore()
    session["seen"] = True
    session.set_expiry(-60)
    session.create()
    return session.session_key


def run(every):
    """call_command's stdout, stderr, and the CommandError it raised (or None)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("run_scheduled_jobs", "--every", every, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def messages(caplog):
    return [record.getMessage() for record in caplog.records if record.name == LOGGER]


def test_the_jobs_run_every_minute_and_every_day_in_this_order(settings):
    assert settings.SCHEDULED_JOBS == {
        "minute": ["publish_scheduled"],
        "minute-on-each-server": ["store_held_requests"],
        "day": [
            "purge_booking_submissions",
            "clearsessions",
            "booking_overdue --email",
            "pages_due_for_review",
        ],
    }
    commands = get_commands()
    for jobs in settings.SCHEDULED_JOBS.values():
        for job in jobs:
            assert job.split()[0] in commands, job


def test_every_day_runs_each_job_in_order_and_logs_what_it_did(
    booking_page, expired_session, job_log
):
    old = BookingSubmissionFactory(page=booking_page)
    BookingSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=400)
    )
    out, _err, error = run("day")
    assert error is None
    assert not BookingSubmission.objects.exists()  # the purge ran
    assert not Session.objects.filter(session_key=expired_session).exists()  # clearsessions ran
    logged = messages(job_log)
    assert logged[0] == "Scheduled jobs every day: 4 to run"
    assert [line.split(":")[0] for line in logged[1:-1]] == [
        f"Job {job}"
        for job in (
            "purge_booking_submissions",
            "purge_booking_submissions",
            "clearsessions",
            "clearsessions",
            "booking_overdue --email",
            "booking_overdue --email",
            "pages_due_for_review",
            "pages_due_for_review",
        )
    ]
    assert logged[1] == "Job purge_booking_submissions: started"
    assert logged[2].startswith("Job purge_booking_submissions: done in ")
    assert ": Deleted 1 booking request(s) submitted before " in logged[2]  # its summary
    assert logged[4].endswith(": no output")  # clearsessions says nothing
    assert logged[-1] == "Scheduled jobs every day: all 4 done"
    assert "--- booking_overdue --email\nNo overdue booking requests." in out


def test_every_minute_publishes_what_is_due(db, job_log):
    _out, _err, error = run("minute")
    assert error is None
    logged = messages(job_log)
    assert logged[1] == "Job publish_scheduled: started"
    assert logged[2].startswith("Job publish_scheduled: done in ")


def test_a_failing_job_is_logged_with_its_traceback_and_the_next_still_runs(
    db, settings, expired_session, job_log
):
    settings.SCHEDULED_JOBS = {
        "day": ["no_such_command", "clearsessions", "purge_booking_submissions --dry-run"]
    }
    broken = mock.patch.object(
        clearsessions.Command, "handle", side_effect=RuntimeError("the disk is full")
    )
    with broken:
        _out, _err, error = run("day")
    assert str(error) == (
        "Scheduled jobs every day: 2 of 3 did not end well: no_such_command, clearsessions"
    )
    failures = [r for r in job_log.records if r.name == LOGGER and r.levelno == logging.ERROR]
    assert [r.getMessage().split(" after ")[0] for r in failures] == [
        "Job no_such_command: failed",
        "Job clearsessions: failed",
    ]
    assert all(record.exc_info for record in failures)  # the tracebacks
    assert "RuntimeError: the disk is full" in job_log.text
    assert messages(job_log)[-1].startswith("Job purge_booking_submissions --dry-run: done in ")
    # Without the failure, clearsessions runs and deletes it.
    _out, _err, error = run("day")
    assert "clearsessions" not in str(error)
    assert not Session.objects.filter(session_key=expired_session).exists()


def test_a_job_that_exits_non_zero_is_named_and_the_next_still_runs(
    booking_page, settings, job_log
):
    """booking_overdue exits 1 when requests are late (and emails the managers): a run with
    late requests ends non-zero, so the scheduler shows it."""
    UserFactory(username="manager", groups=["Booking managers"])
    late = BookingSubmissionFactory(page=booking_page)
    BookingSubmission.objects.filter(pk=late.pk).update(
        reply_due=timezone.now() - datetime.timedelta(hours=2)
    )
    settings.SCHEDULED_JOBS = {"day": ["booking_overdue --email", "clearsessions"]}
    out, _err, error = run("day")
    assert (
        str(error) == "Scheduled jobs every day: 1 of 2 did not end well: booking_overdue --email"
    )
    assert len(mail.outbox) == 1
    assert "Job booking_overdue --email: exited with status 1 in " in job_log.text
    assert "Emailed 1 Booking manager(s)." in job_log.text  # the output's last line
    assert "1 booking request is overdue." in out  # the whole output follows
    assert messages(job_log)[-1].startswith("Job clearsessions: done in ")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--every", "hour"], "argument --every: invalid choice: 'hour' (choose from "),
        ([], "the following arguments are required: --every"),
    ],
)
def test_an_unknown_or_missing_interval_is_a_clear_error(arguments, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        call_command("run_scheduled_jobs", *arguments)


def manage(tmp_path, *arguments):
    """manage.py in a process of its own, on an empty SQLite file (never the developer's
    database): no table exists, so every job fails."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_from_the_command_line_failed_jobs_give_a_non_zero_exit_naming_them(tmp_path):
    result = manage(tmp_path, "run_scheduled_jobs", "--every", "day")
    assert result.returncode == 1
    assert "4 of 4 did not end well: purge_booking_submissions, clearsessions" in result.stderr
    result = manage(tmp_path, "run_scheduled_jobs", "--every", "hour")
    assert result.returncode == 2
    assert "invalid choice: 'hour'" in result.stderr
