"""List the booking requests whose reply is overdue; meant to run from cron.

Prints one line per overdue request (status New, reply due passed), oldest due first, then a
summary. Exit status 1 when any request is overdue, so cron or a monitor can alert; 0 when
none. With --email, also sends one email to the Booking managers. Output and email carry
references and due times only: a request's answers never leave the admin.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import dateformat, timezone

from booking import queue
from booking.models import BookingSubmission, booking_managers
from clinic.practice.working_days import clinic_timezone


def due_line(pk, due, now):
    local = due.astimezone(clinic_timezone())
    when = dateformat.format(local, "D j M Y H:i T")
    return f"{queue.reference(pk)}  due {when}, {queue.due_in_words(due, now)}"


def summary(count):
    return "1 booking request is overdue" if count == 1 else f"{count} booking requests are overdue"


class Command(BaseCommand):
    help = (
        "List overdue booking requests (New, reply due passed); exit status 1 if there are "
        "any. --email also tells the Booking managers. Meant for cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--email", action="store_true", help="Also email the list to the Booking managers."
        )

    def handle(self, *args, email=False, **options):
        now = timezone.now()
        # Only the key and the due time are read: the answers are never loaded.
        overdue = list(
            BookingSubmission.objects.overdue(now)
            .order_by("reply_due", "pk")
            .values_list("pk", "reply_due")
        )
        if not overdue:
            self.stdout.write("No overdue booking requests.")
            return

        lines = [due_line(pk, due, now) for pk, due in overdue]
        self.stdout.write("\n".join(lines))
        self.stdout.write(f"{summary(len(lines))}.")
        if email:
            self.send_email(lines)
        # Not an error, a signal: cron and monitors treat a non-zero status as "look at this".
        raise SystemExit(1)

    def send_email(self, lines):
        recipients = sorted(
            set(booking_managers().exclude(email="").values_list("email", flat=True))
        )
        if not recipients:
            self.stderr.write("No active Booking manager has an email address: no email sent.")
            return
        inbox = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("booking_requests:index")
        body = (
            f"{summary(len(lines))}: they are still New and their reply due time has passed.\n\n"
            + "\n".join(lines)
            + f"\n\nSee them in the admin (sign-in required):\n{inbox}?overdue=yes\n\n"
            "For privacy, this email holds references and due times only: the requests "
            "themselves are only in the admin. Please do not forward requests by email.\n"
        )
        try:
            send_mail(
                subject=summary(len(lines)),
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )
        except Exception as error:  # any backend failure: report it, the exit status stays 1
            self.stderr.write(
                f"Could not send the overdue email ({error.__class__.__name__}: {error})."
            )
            return
        self.stdout.write(f"Emailed {len(recipients)} Booking manager(s).")
