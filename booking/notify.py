"""The email that tells the clinic a booking request arrived: never what it says."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

logger = logging.getLogger("booking")


def admin_url(submission):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("booking_requests:request", args=[submission.pk])


def notification_text(page, submission):
    when = date_format(timezone.localtime(submission.submit_time), "DATETIME_FORMAT")
    return (
        f"A new consultation request arrived through '{page.title}'.\n"
        f"Received: {when}\n\n"
        f"Read it in the admin (sign-in required):\n{admin_url(submission)}\n\n"
        "For privacy, this email does not contain the request itself. "
        "Please do not forward requests by email.\n"
    )


def send_notification(page, submission):
    """Runs after the submission is committed. A failure is logged; the request stays stored."""
    recipients = page.notification_recipients()
    if not recipients:
        return
    try:
        send_mail(
            subject=page.subject or "New consultation request",
            message=notification_text(page, submission),
            from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
            fail_silently=False,
        )
    except Exception:  # any backend failure: the visitor still gets the thank-you page
        logger.exception(
            "Could not send the notification for booking request %s; it is stored.",
            submission.pk,
        )
