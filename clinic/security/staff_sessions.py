"""Automatic logoff for staff (HIPAA 164.312(a)(2)(iii), OWASP ASVS session management).

A signed-in session ends after STAFF_SESSION_IDLE_MINUTES without a request and after
STAFF_SESSION_MAX_HOURS since sign-in, whatever the activity. Signing out ends the user's
sessions on every other device; a password change already ends them through Django's session
auth hash, which the account page refreshes for the current session only.

Everything lives in the session and the database, never in process memory, so any app server
can end a session that another one started. Visitors are never touched: without a session
cookie this middleware does nothing, so it never creates a session for them.

The model below belongs to the clinic app: clinic/models.py imports it, which also connects
the sign-in and sign-out receivers before anyone can sign in.
"""

import datetime
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_logged_in, user_logged_out
from django.db import models
from django.db.models import F
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from wagtail.log_actions import log

from clinic.security.audit import account

SESSION_EXPIRED = "clinic.session_expired"
SIGNED_OUT_EVERYWHERE = "clinic.signed_out_everywhere"

IDLE, ABSOLUTE, ELSEWHERE = "idle", "absolute", "signed_out_elsewhere"

# Session keys, in epoch seconds (floats: JSON-serialisable, compare across app servers).
SIGNED_IN_AT = "clinic_signed_in_at"
LAST_SEEN = "clinic_last_seen"
SIGN_OUTS = "clinic_sign_outs"

# Recording every request's time would write the session row on every admin request; a
# minute's granularity makes the logoff come at most a minute early, never late.
LAST_SEEN_GRANULARITY = 60

# Wagtail's editor pings these every few seconds while it is open: an unattended editor must
# not keep the session alive. Typing still counts (Wagtail autosaves the form).
BACKGROUND_URL_NAMESPACES = {"wagtailadmin_editing_sessions"}


def idle_limit():
    return settings.STAFF_SESSION_IDLE_MINUTES * 60


def absolute_limit():
    return settings.STAFF_SESSION_MAX_HOURS * 3600


def plural(count, unit):
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def reason_message(reason):
    if reason == IDLE:
        minutes = plural(settings.STAFF_SESSION_IDLE_MINUTES, "minute")
        return f"You were signed out after {minutes} without activity."
    if reason == ABSOLUTE:
        hours = plural(settings.STAFF_SESSION_MAX_HOURS, "hour")
        return f"You were signed out after {hours}; please sign in again."
    return "You signed out on another device; please sign in again."


class StaffSessionEpoch(models.Model):
    """How many times a user has signed out. A session remembers the count at its sign-in;
    once the count has moved on, the session is over.

    A counter rather than a sign-out time: the database session store cannot list one user's
    sessions without decoding every row, and a counter does not depend on the clocks of the
    app servers agreeing to the second. Not the cache: an evicted entry would revive sessions.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    sign_outs = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "clinic"
        verbose_name = "staff session epoch"

    def __str__(self):
        return f"{self.user_id}: {self.sign_outs} sign-outs"


def sign_outs_of(user_pk):
    """The one small query an authenticated request pays: a primary-key lookup."""
    count = StaffSessionEpoch.objects.filter(pk=user_pk).values_list("sign_outs", flat=True)
    return next(iter(count), 0)


@receiver(user_logged_in, dispatch_uid="clinic_staff_session_signed_in")
def start_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = now
    session[SIGN_OUTS] = sign_outs_of(user.pk)


@receiver(user_logged_out, dispatch_uid="clinic_staff_session_signed_out")
def end_other_sessions(sender, request, user, **kwargs):
    """A deliberate sign-out ends every session of the user. A session that this middleware
    ends for idleness or age does not: the user's other devices keep their own clocks."""
    if user is None or getattr(request, "_clinic_session_ended", None):
        return
    epoch, _ = StaffSessionEpoch.objects.get_or_create(user_id=user.pk)
    StaffSessionEpoch.objects.filter(pk=epoch.pk).update(sign_outs=F("sign_outs") + 1)
    user = account(user)
    log(instance=user, action=SIGNED_OUT_EVERYWHERE, user=user)


def is_background(request):
    try:
        return resolve(request.path_info).namespace in BACKGROUND_URL_NAMESPACES
    except Resolver404:
        return False


class StaffSessionMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware.

    An ended session is signed out and the request goes on as a visitor's: the admin's own
    login check then redirects to the sign-in page with ?next= (or answers 403 to its
    scripts), and public pages are served as to anyone. The message waits in the messages
    cookie until the sign-in page shows it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The cookie first: a visitor's request never opens or creates a session here.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session = request.session
        now = time.time()
        signed_in_at = session.get(SIGNED_IN_AT)
        if signed_in_at is None:
            # Signed in before these limits existed: its age is unknown, so treat it as old.
            return self.end(request, ABSOLUTE)
        last_seen = session.get(LAST_SEEN, signed_in_at)
        ends_at = {IDLE: last_seen + idle_limit(), ABSOLUTE: signed_in_at + absolute_limit()}
        first = min(ends_at, key=ends_at.get)
        if now >= ends_at[first]:
            return self.end(request, first)
        if session.get(SIGN_OUTS, 0) != sign_outs_of(request.user.pk):
            return self.end(request, ELSEWHERE)
        if now - last_seen > LAST_SEEN_GRANULARITY and not is_background(request):
            session[LAST_SEEN] = now
            if not session.get_expire_at_browser_close():
                # A "Remember me" cookie must not outlive the absolute limit either.
                deadline = ends_at[ABSOLUTE]
                session.set_expiry(datetime.datetime.fromtimestamp(deadline, datetime.UTC))

    def end(self, request, reason):
        user = account(request.user)
        request._clinic_session_ended = reason
        logout(request)  # flushes the session: row deleted, cookie deleted
        if reason in (IDLE, ABSOLUTE):
            log(instance=user, action=SESSION_EXPIRED, user=user, data={"reason": reason})
        messages.warning(request, reason_message(reason))
