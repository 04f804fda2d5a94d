"""booking_overdue lists late requests by reference and due time only, and fails cron when any."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from booking.queue import Status
from clinic.practice.working_days import clinic_timezone
from clinic.security.groups import BOOKING_MANAGERS
from tests.booking.factories import BookingSubmissionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Quinn Confidential"
SECRET_EMAIL = "quinn.confidential@example.com"
SECRET_ANSWER = "A private answer about my health"
NOW = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=clinic_timezone())


def request_due(page, due, status=Status.NEW, owner=None):
    return BookingSubmissionFactory(
        page=page,
        reply_due=due,
        status=status,
        owner=owner,
        form_data={
            "full_name": SECRET_NAME,
            "email": SECRET_EMAIL,
            "phone": "",
            "contact_method": "Email",
            "anything_you_would_like_us_to_know_before_we_call": SECRET_ANSWER,
        },
    )


def run(*args):
    """The command's exit status, stdout and stderr, at NOW."""
    out, err = StringIO(), StringIO()
    with time_machine.travel(NOW, tick=False):
        try:
            call_command("booking_overdue", *args, stdout=out, stderr=err)
            status = 0
        except SystemExit as exit:
            status = exit.code
    return status, out.getvalue(), err.getvalue()


def assert_nothing_private(text):
    for secret in (SECRET_NAME, "Quinn", SECRET_EMAIL, SECRET_ANSWER):
        assert secret not in text


@pytest.fixture
def late_and_on_time(booking_page):
    """Two late New requests (the one made second is due first), one not yet due, one handled."""
    tz = clinic_timezone()
    late_by_hours = request_due(booking_page, datetime.datetime(2026, 12, 2, 23, 59, 59, tzinfo=tz))
    late_by_a_day = request_due(booking_page, datetime.datetime(2026, 12, 1, 23, 59, 59, tzinfo=tz))
    on_time = request_due(booking_page, NOW + datetime.timedelta(hours=3))
    contacted = request_due(booking_page, NOW - datetime.timedelta(days=5), Status.CONTACTED)
    return {
        "late_by_hours": late_by_hours,
        "late_by_a_day": late_by_a_day,
        "on_time": on_time,
        "contacted": contacted,
    }


@pytest.fixture
def managers(db):
    """Two managers with an email; one without; one inactive; a clinician with an email."""
    UserFactory(username="manager", groups=[BOOKING_MANAGERS])
    UserFactory(username="manager2", groups=[BOOKING_MANAGERS])
    UserFactory(username="no-email", email="", groups=[BOOKING_MANAGERS])
    UserFactory(username="gone", is_active=False, groups=[BOOKING_MANAGERS])
    UserFactory(username="clinician", groups=["Clinicians"])
    return ["manager2@example.com", "manager@example.com"]


def test_lists_overdue_references_and_due_times_oldest_first_and_exits_1(late_and_on_time):
    status, out, err = run()
    assert status == 1
    late_by_hours, late_by_a_day = (
        late_and_on_time["late_by_hours"],
        late_and_on_time["late_by_a_day"],
    )
    assert out.splitlines() == [
        f"{late_by_a_day.reference}  due Tue 1 Dec 2026 23:59 EST, overdue by 1 day",
        f"{late_by_hours.reference}  due Wed 2 Dec 2026 23:59 EST, overdue by 10 h",
        "2 booking requests are overdue.",
    ]
    assert err == ""


def test_output_never_contains_a_name_or_an_answer(late_and_on_time):
    _, out, err = run()
    assert_nothing_private(out + err)


def test_a_contacted_request_past_its_due_time_is_not_overdue(booking_page):
    request_due(booking_page, NOW - datetime.timedelta(days=3), Status.CONTACTED)
    request_due(booking_page, NOW - datetime.timedelta(days=3), Status.NO_REPLY)
    status, out, _ = run()
    assert status == 0
    assert out.strip() == "No overdue booking requests."


def test_no_overdue_requests_exits_0_and_says_so(booking_page):
    request_due(booking_page, NOW + datetime.timedelta(minutes=1))
    status, out, err = run()
    assert (status, out.strip(), err) == (0, "No overdue booking requests.", "")


def test_one_overdue_request_is_counted_in_the_singular(booking_page):
    request_due(booking_page, NOW - datetime.timedelta(minutes=30))
    status, out, _ = run()
    assert status == 1
    assert out.splitlines()[-1] == "1 booking request is overdue."


def test_email_goes_once_to_active_managers_with_an_address_only(late_and_on_time, managers):
    status, out, err = run("--email")
    assert status == 1
    assert err == ""
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == managers  # not the clinician, the inactive or address-less
    assert message.cc == message.bcc == []
    assert message.subject == "2 booking requests are overdue"
    assert "Emailed 2 Booking manager(s)." in out


def test_email_lists_references_and_due_times_and_links_to_the_overdue_inbox(
    late_and_on_time, managers
):
    run("--email")
    body = mail.outbox[0].body
    late_by_hours, late_by_a_day = (
        late_and_on_time["late_by_hours"],
        late_and_on_time["late_by_a_day"],
    )
    assert f"{late_by_a_day.reference}  due Tue 1 Dec 2026 23:59 EST, overdue by 1 day" in body
    assert f"{late_by_hours.reference}  due Wed 2 Dec 2026 23:59 EST, overdue by 10 h" in body
    assert late_and_on_time["on_time"].reference not in body
    assert late_and_on_time["contacted"].reference not in body
    assert f"http://testserver{reverse('booking_requests:index')}?overdue=yes" in body
    assert "only in the admin" in body
    assert_nothing_private(body + mail.outbox[0].subject)


def test_no_email_when_nothing_is_overdue(booking_page, managers):
    request_due(booking_page, NOW + datetime.timedelta(days=1))
    status, _, _ = run("--email")
    assert status == 0
    assert mail.outbox == []


def test_without_the_email_option_no_email_is_sent(late_and_on_time, managers):
    run()
    assert mail.outbox == []


def test_no_manager_with_an_address_is_reported_on_stderr(late_and_on_time, clinician):
    status, out, err = run("--email")
    assert status == 1
    assert "No active Booking manager has an email address" in err
    assert mail.outbox == []
    assert "2 booking requests are overdue." in out


def test_a_failed_send_is_reported_on_stderr_and_still_exits_1(
    late_and_on_time, managers, monkeypatch
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("booking.management.commands.booking_overdue.send_mail", refuse)
    status, out, err = run("--email")
    assert status == 1
    assert "Could not send the overdue email" in err
    assert "2 booking requests are overdue." in out
    assert_nothing_private(out + err)
