"""Failed sign-ins and lockouts (django-axes; HIPAA 164.312(d), OWASP ASVS V6 anti-automation).

After AXES_FAILURE_LIMIT failed sign-ins for one account from one address, that account is
locked for that address for AXES_COOLOFF_TIME: the right password is refused too, other
addresses and other accounts are unaffected. Axes keeps the attempts in the database
(axes_accessattempt), so every app server counts the same failures.

This module adds what axes leaves to the project:
- the page a locked-out person sees (lockout_response, AXES_LOCKOUT_CALLABLE): Wagtail's
  sign-in page with the time they may try again, HTTP 429 and Retry-After;
- the client address axes counts by (clinic.security.client_address.valid_client_ip,
  AXES_CLIENT_IP_CALLABLE);
- audit-log entries for sign-ins, failed sign-ins, lockouts and unlocks, against the account;
- an administrators' page listing current lockouts, with an Unlock button per row.
"""

import datetime
import logging
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.contrib import messages
from django.contrib.auth import get_user_model, user_logged_in, user_login_failed
from django.db import transaction
from django.db.models import Max, Min, Sum
from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.log_actions import LogFormatter, log

from clinic.security.admin_access import SuperuserMenuItem, superusers_only

logger = logging.getLogger(__name__)

SIGN_IN = "clinic.sign_in"
SIGN_IN_FAILED = "clinic.sign_in_failed"
LOCKED_OUT = "clinic.locked_out"
UNLOCKED = "clinic.unlocked"

ADMIN_LOGIN_TEMPLATE = "wagtailadmin/login.html"


# The client address ---------------------------------------------------------------------


def request_ip(request):
    # Axes stores the address on the request once it has seen it; the same callable otherwise.
    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request)


# The page a locked-out person sees -------------------------------------------------------


def locked_until(request, credentials=None):
    """When this account may sign in again from this address: the cool-off after the latest
    counted failure (axes' own query), or None if lockouts never end by themselves."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    latest = None
    try:
        handler = AxesProxyHandler.get_implementation()
        for attempts in handler.get_user_attempts(request, credentials):
            newest = attempts.aggregate(newest=Max("attempt_time"))["newest"]
            if newest and (latest is None or newest > latest):
                latest = newest
    except Exception:  # a handler without a database, or a request axes has not seen
        logger.exception("Could not read the failed sign-ins of a locked-out request")
    if latest is None:
        latest = getattr(request, "axes_attempt_time", None) or timezone.now()
    return latest + cool_off


def round_up_to_minute(moment):
    """Times are shown to the minute: "after 14:05" must never be before the lock ends."""
    if moment.second or moment.microsecond:
        moment = moment.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    return moment


def lockout_message(until, now=None):
    """The sentence on the sign-in page, with the time in the clinic's time zone."""
    if until is None:
        return (
            "Too many failed sign-ins for this account from your network. "
            "Ask an administrator to unlock it."
        )
    now = now or timezone.now()
    local = timezone.localtime(round_up_to_minute(until))
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    at = local.strftime("%H:%M")
    if local.date() != timezone.localtime(now).date():
        at += f" on {local.day} {local.strftime('%B')}"
    in_minutes = f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
    return (
        "Too many failed sign-ins for this account from your network. "
        f"Try again after {at} (in {in_minutes}), or ask an administrator to unlock it."
    )


def with_lockout_error(form, message):
    """The sign-in form showing the lockout instead of "wrong username or password".

    Only a form that was already validated is changed: validating it here would call
    authenticate() again and count one more failure."""
    if form is None or getattr(form, "_errors", None) is None:
        return False
    form._errors.pop("__all__", None)
    form._errors["__all__"] = form.error_class([message], error_class="nonfield")
    return True


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in page again, saying until when, with HTTP 429.

    The page is rendered here (a middleware's response is not rendered by Django), from the
    sign-in view's own context when axes hands us its response, else from a fresh Wagtail
    sign-in form. Any error falls back to the message as plain text: never a 500."""
    if isinstance(original_response, dict):  # axes' async path passes (request, credentials)
        original_response, credentials = None, original_response
    credentials = credentials or getattr(request, "axes_credentials", None)
    now = timezone.now()
    until = None
    message = lockout_message(None)
    try:
        until = locked_until(request, credentials)
        message = lockout_message(until, now)
        response = render_sign_in_page(request, original_response, message)
    except Exception:
        logger.exception("The lockout page could not be rendered; sending it as text")
        response = HttpResponse(message, content_type="text/plain; charset=utf-8")
    response.status_code = 429
    if until is not None:
        response["Retry-After"] = str(max(1, math.ceil((until - now).total_seconds())))
    add_never_cache_headers(response)
    return response


def render_sign_in_page(request, original_response, message):
    context = dict(getattr(original_response, "context_data", None) or {})
    template = getattr(original_response, "template_name", None)
    if template and with_lockout_error(context.get("form"), message):
        return render(request, template, context)

    # No sign-in view context (an unexpected caller): Wagtail's sign-in page, empty form.
    from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

    form = get_user_login_form()(request)
    form._errors = ErrorDict()
    with_lockout_error(form, message)
    user_model = get_user_model()
    return render(
        request,
        ADMIN_LOGIN_TEMPLATE,
        {
            "form": form,
            "show_password_reset": password_reset_enabled(),
            "username_field": user_model._meta.get_field(user_model.USERNAME_FIELD).verbose_name,
        },
    )


# The audit log --------------------------------------------------------------------------


def user_named(username):
    """The user with this username, or None: typed names that are no account are not logged
    (they may be a mistyped password)."""
    if not isinstance(username, str) or not username:
        return None
    try:
        return get_user_model()._default_manager.get_by_natural_key(username)
    except get_user_model().DoesNotExist:
        return None


def on_signed_in(sender, request, user, **kwargs):
    log(instance=user, action=SIGN_IN, user=user, data={"ip_address": request_ip(request)})


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in `credentials`; only the username is read.
    user = user_named(
        get_client_username(request, credentials) if request else credentials.get("username")
    )
    if user is not None:
        ip = request_ip(request) if request else None
        log(instance=user, action=SIGN_IN_FAILED, user=user, data={"ip_address": ip})


def on_locked_out(sender, request, username, ip_address, **kwargs):
    # Axes sends this on the failure that reaches the limit and again on every attempt while
    # locked; only the first is a new lockout. axes_failures_since_start is set only when
    # a failure was counted (None for an attempt refused during the lockout).
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None or failures - 1 >= get_failure_limit(request, None):
        return
    user = user_named(username)
    if user is not None:
        log(instance=user, action=LOCKED_OUT, user=user, data={"ip_address": ip_address})


def connect():
    """Called from ClinicConfig.ready()."""
    user_logged_in.connect(on_signed_in, dispatch_uid="clinic.security.lockouts.signed_in")
    user_login_failed.connect(
        on_sign_in_failed, dispatch_uid="clinic.security.lockouts.sign_in_failed"
    )
    user_locked_out.connect(on_locked_out, dispatch_uid="clinic.security.lockouts.locked_out")


def ip_message(text):
    class Formatter(LogFormatter):
        def format_message(self, log_entry):
            ip = (log_entry.data or {}).get("ip_address")
            return f"{text} from {ip}" if ip else text

    return Formatter


@hooks.register("register_log_actions")
def register_lockout_log_actions(actions):
    for action, label, text in [
        (SIGN_IN, "Sign-in", "Signed in"),
        (SIGN_IN_FAILED, "Failed sign-in", "Failed sign-in to this account"),
        (LOCKED_OUT, "Sign-in locked", "Sign-in locked after too many failures"),
        (UNLOCKED, "Sign-in unlocked", "Sign-in unlocked by an administrator"),
    ]:
        formatter = ip_message(text)
        formatter.label = label
        actions.register_action(action)(formatter)


# Administrators: current lockouts and unlocking -------------------------------------------


def current_lockouts():
    """One row per account and address that is locked now, as axes decides it: the failures
    within the cool-off, summed per username and address (AXES_LOCKOUT_PARAMETERS), at or
    above the limit. A row per user agent is summed together, as axes does."""
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    rows = list(
        attempts.values("username", "ip_address")
        .annotate(
            failures=Sum("failures_since_start"), latest=Max("attempt_time"), row_id=Min("id")
        )
        .filter(failures__gte=get_failure_limit(None, None))
        .order_by("-latest")
    )
    names = {row["username"] for row in rows if row["username"]}
    user_model = get_user_model()
    known = set(
        user_model._default_manager.filter(
            **{f"{user_model.USERNAME_FIELD}__in": names}
        ).values_list(user_model.USERNAME_FIELD, flat=True)
    )
    for row in rows:
        # A typed name that is no account is not shown: it may be someone's password.
        row["account"] = row["username"] if row["username"] in known else None
        row["until"] = round_up_to_minute(row["latest"] + cool_off) if cool_off else None
    return rows


@never_cache
@superusers_only
def lockout_list(request):
    return render(request, "clinic/admin/lockouts.html", {"lockouts": current_lockouts()})


@require_POST
@superusers_only
def unlock(request, attempt_id):
    """Clear the failures of one account at one address (the form names a row, never the
    typed username), and say who did it in the audit log."""
    attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
    username, ip = attempt.username, attempt.ip_address
    with transaction.atomic():
        if username and ip:
            reset(ip=ip, username=username)
        else:
            # axes' reset() with a missing value would clear every attempt of the other one
            # (or all of them): clear exactly this account and address.
            AccessAttempt.objects.filter(username=username, ip_address=ip).delete()
        user = user_named(username)
        if user is not None:
            log(instance=user, action=UNLOCKED, user=request.user, data={"ip_address": ip})
    who = user.get_username() if user is not None else "a name that is no account"
    messages.success(request, f"Unlocked sign-in for {who} from {ip or 'an unknown address'}.")
    return redirect("clinic_lockouts")


@hooks.register("register_admin_urls")
def lockout_urls():
    return [
        path("lockouts/", lockout_list, name="clinic_lockouts"),
        path("lockouts/<int:attempt_id>/unlock/", unlock, name="clinic_lockouts_unlock"),
    ]


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return SuperuserMenuItem(
        "Sign-in lockouts", reverse("clinic_lockouts"), icon_name="lock", order=650
    )
