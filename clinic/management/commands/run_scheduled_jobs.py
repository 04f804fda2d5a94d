"""Run the jobs of one interval of SCHEDULED_JOBS, in order: one cron line or systemd timer per
interval (`python manage.py run_scheduled_jobs --every minute`, `--every day`).

Each job is a management command. Its start, end, duration and the last line of its output
are logged (logger clinic.management.commands.run_scheduled_jobs), and its whole output
follows on this command's stdout. A job that raises (a CommandError or any other exception)
is logged with its traceback; one that exits with a non-zero status (booking_overdue and
pages_due_for_review do when something waits for a person) is logged with the status. Either
way the next job runs, and at the end this command exits 1 naming every job that did not end
well, so cron or systemd reports the run.
"""

import io
import logging
import shlex
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

logger = logging.getLogger(__name__)

SUMMARY_LENGTH = 200


def drop_broken_connections():
    """A job that lost the database (it restarted) leaves a broken connection behind: close it
    so the next job connects afresh. Never one inside a transaction (a test's own)."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None or connection.in_atomic_block:
            continue
        if not connection.is_usable():
            connection.close()


def last_line(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:SUMMARY_LENGTH] if lines else "no output"


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs of one interval (SCHEDULED_JOBS): every job runs even if one "
        "before it fails; exits 1 naming the jobs that failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            required=True,
            choices=list(settings.SCHEDULED_JOBS),
            help="The interval whose jobs to run.",
        )

    def handle(self, *args, every, **options):
        jobs = settings.SCHEDULED_JOBS[every]
        logger.info("Scheduled jobs every %s: %d to run", every, len(jobs))
        failed = [job for job in jobs if not self.run_job(job)]
        if failed:
            raise CommandError(
                f"Scheduled jobs every {every}: {len(failed)} of {len(jobs)} did not end "
                f"well: {', '.join(failed)}"
            )
        logger.info("Scheduled jobs every %s: all %d done", every, len(jobs))

    def run_job(self, job):
        """Run one job; whether it ended well. Its output is logged in brief, echoed whole."""
        name, *arguments = shlex.split(job)
        out, err = io.StringIO(), io.StringIO()
        logger.info("Job %s: started", job)
        started = time.monotonic()
        ok, status = True, None
        try:
            call_command(name, *arguments, stdout=out, stderr=err)
        except SystemExit as exit_:
            status = exit_.code
            ok = status in (None, 0)
        except Exception:
            ok = False
            logger.exception("Job %s: failed after %.1f s", job, time.monotonic() - started)
        if not ok:
            drop_broken_connections()
        seconds = time.monotonic() - started
        summary = last_line(out.getvalue())
        if status not in (None, 0):
            logger.warning(
                "Job %s: exited with status %s in %.1f s: %s", job, status, seconds, summary
            )
        elif ok:
            logger.info("Job %s: done in %.1f s: %s", job, seconds, summary)
        self.echo(job, out.getvalue(), err.getvalue())
        return ok

    def echo(self, job, out, err):
        if out.strip():
            self.stdout.write(f"--- {job}\n{out.rstrip()}")
        if err.strip():
            self.stderr.write(f"--- {job}\n{err.rstrip()}")
