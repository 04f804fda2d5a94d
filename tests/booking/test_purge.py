"""purge_booking_submissions deletes requests older than the retention period, and says so."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import PageLogEntry

from booking.models import BookingSubmission
from tests.booking.factories import BookingSubmissionFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def submit_on(page, moment, name):
    with time_machine.travel(moment, tick=False):
        return BookingSubmissionFactory(page=page, form_data={"full_name": name})


@pytest.fixture
def requests_of_different_ages(booking_page):
    submit_on(booking_page, datetime.datetime(2025, 1, 1, 9, tzinfo=UTC), "very old")
    submit_on(booking_page, datetime.datetime(2025, 6, 1, 9, tzinfo=UTC), "just past a year")
    submit_on(booking_page, datetime.datetime(2025, 6, 3, 9, tzinfo=UTC), "within a year")
    submit_on(booking_page, datetime.datetime(2026, 5, 30, 9, tzinfo=UTC), "recent")


def purge(*args):
    out = StringIO()
    with time_machine.travel(datetime.datetime(2026, 6, 2, 9, tzinfo=UTC), tick=False):
        call_command("purge_booking_submissions", *args, stdout=out)
    return out.getvalue()


def names():
    return sorted(s.form_data["full_name"] for s in BookingSubmission.objects.all())


def test_purge_deletes_requests_older_than_365_days_and_reports_the_count(
    requests_of_different_ages, booking_page
):
    output = purge()
    assert "Deleted 2 booking request(s)" in output
    assert names() == ["recent", "within a year"]
    entry = PageLogEntry.objects.get(action="booking.delete")
    assert entry.page_id == booking_page.pk
    assert entry.user is None
    assert entry.data == {"rows": 2, "purge": True, "retention_days": 365}


def test_dry_run_reports_and_deletes_nothing(requests_of_different_ages):
    output = purge("--dry-run")
    assert "would delete 2 booking request(s)" in output
    assert len(names()) == 4
    assert not PageLogEntry.objects.filter(action="booking.delete").exists()


def test_retention_follows_the_setting(requests_of_different_ages, settings):
    settings.BOOKING_RETENTION_DAYS = 7
    assert "Deleted 3 booking request(s)" in purge()
    assert names() == ["recent"]


def test_nothing_to_purge(booking_page):
    assert "Deleted 0 booking request(s)" in purge()
    assert not PageLogEntry.objects.filter(action="booking.delete").exists()
