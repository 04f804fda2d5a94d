"""Two-factor sign-in for staff (django-otp): who must use it, set-up, the second step, reset.

After Wagtail's password step, a person who must use a second factor (STAFF_MFA) reaches
nothing in the admin until this session has passed it: those with an authenticator are asked
for a code (or a single-use recovery code), those without one are taken to set it up.
django-otp keeps the secrets, refuses a code already used (TOTP's last counter) and slows down
repeated wrong codes (its throttling); this module adds the rules and the pages.
"""

import base64
import math
from functools import wraps

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks, log_actions

from clinic.security.admin_access import superusers_only
from clinic.security.audit import account
from clinic.security.groups import BOOKING_MANAGERS

RECOVERY_CODES = 10
APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


def reads_health_information(user):
    """Booking managers and administrators read booking requests (health information)."""
    return user.is_superuser or user.groups.filter(name=BOOKING_MANAGERS).exists()


def must_use_second_factor(user):
    """STAFF_MFA: 'required' for every staff account, 'managers' for Booking managers and
    administrators (who read health information), 'off' for nobody."""
    rule = getattr(settings, "STAFF_MFA", "managers")
    if rule == "off" or not user.is_authenticated:
        return False
    if rule == "required":
        return user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    return reads_health_information(user)


def has_second_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class SecondFactorMiddleware:
    """Until this session passed the second factor, the admin is only the set-up, the second
    step and sign-out."""

    OPEN_URL_NAMES = (
        "two_factor_setup",
        "two_factor_verify",
        "wagtailadmin_logout",
        # What the set-up page itself loads: the admin's icons and translations.
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self):
        return reverse("wagtailadmin_home")

    @cached_property
    def open_paths(self):
        return {reverse(name) for name in self.OPEN_URL_NAMES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith(self.admin_prefix)
            and request.path not in self.open_paths
            and not user.is_verified()
            and must_use_second_factor(user)
        ):
            step = "two_factor_verify" if has_second_factor(user) else "two_factor_setup"
            return redirect(f"{reverse(step)}?next={request.get_full_path()}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Type the code your authenticator app shows."},
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def signed_in_view(view):
    """The pages of the second step: for people past the password step, never cached."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        return view(request, *args, **kwargs)

    return wrapper


@signed_in_view
def setup(request):
    """Scan a QR code (or type the key), confirm with a code, keep the recovery codes."""
    user = account(request.user)
    replacing = has_second_factor(user)
    if replacing and not user.is_verified():
        return redirect("two_factor_verify")
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, name=APP_DEVICE)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        wait = seconds_to_wait([device])
        if wait:
            form.add_error(None, wait_message(wait))
        elif device.verify_token(form.cleaned_data["code"]):
            codes = enrol(request, device)
            return TemplateResponse(
                request,
                "clinic/two_factor/recovery_codes.html",
                {"heading": "Keep your recovery codes", "codes": codes, "next": safe_next(request)},
            )
        else:
            form.add_error(
                "code",
                "That code is not right. Check the time on your phone and try the newest code.",
            )
    qr = segno.make(device.config_url, error="m")
    context = {
        "heading": "Set up two-factor sign-in",
        "form": form,
        "qr_data_uri": qr.svg_data_uri(scale=5, dark="#1d1d1d"),
        "secret": " ".join(b32_groups(device)),
        "next": safe_next(request),
        "replacing": replacing,
        "reads_health_information": reads_health_information(user),
    }
    return TemplateResponse(request, "clinic/two_factor/setup.html", context)


def b32_groups(device):
    """The key in groups of four, for typing into an app that cannot scan."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


def enrol(request, device):
    """Confirm the app, replace any older factor, make fresh recovery codes, pass this session."""
    user = account(request.user)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        StaticDevice.objects.filter(user=user).delete()
        device.confirmed = True
        device.save()
        recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
        log_actions.log(user, "clinic.second_factor_set_up", user=user)
    otp_login(request, device)
    return codes


@signed_in_view
def verify(request):
    """The second step: a code from the app, or one of the recovery codes (used once)."""
    user = account(request.user)
    if not has_second_factor(user):
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = judge_code(user, form)
        if device is not None:
            return pass_second_step(request, user, device)
    context = {"heading": "Enter your sign-in code", "form": form, "next": safe_next(request)}
    return TemplateResponse(request, "clinic/two_factor/verify.html", context)


def judge_code(user, form):
    """The device that accepted the form's code, or None with the form saying why: a wrong
    code, or (throttled) how long to wait before any code is checked."""
    try:
        device = check_code(user, form.cleaned_data["code"])
    except CodeRefusedForNow as refused:
        form.add_error(None, wait_message(refused.seconds))
        return None
    if device is None:
        log_actions.log(user, "clinic.second_factor_failed", user=user)
        form.add_error("code", "That code is not right, or was used already. Try the newest code.")
    return device


def pass_second_step(request, user, device):
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        left = StaticToken.objects.filter(device=device).count()
        log_actions.log(user, "clinic.recovery_code_used", user=user, data={"left": left})
        messages.warning(
            request,
            f"You used a recovery code; {left} left. Set up your app again if you lost it.",
        )
    return redirect(safe_next(request))


class CodeRefusedForNow(Exception):
    """django-otp's throttling refused to check the code: too many wrong codes just now."""

    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds


def check_code(user, code):
    """The device that accepts the code: six digits go to the app, anything else to the
    recovery codes. django-otp refuses a repeated code and throttles wrong ones; a code that
    no device would check (all throttled) raises CodeRefusedForNow: it was never judged wrong."""
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    checked = False
    with transaction.atomic():
        devices = list(model.objects.select_for_update().filter(user=user, confirmed=True))
        for device in devices:
            if device.verify_is_allowed()[0]:
                checked = True
                if device.verify_token(code):
                    return device
    if devices and not checked:
        raise CodeRefusedForNow(max(1, seconds_to_wait(devices)))
    return None


def seconds_to_wait(devices):
    """Whole seconds until every throttled device checks codes again (0: none is throttled),
    from django-otp's own "locked_until", so the page gives the real remaining time."""
    now = timezone.now()
    waits = [
        (info["locked_until"] - now).total_seconds()
        for allowed, info in (device.verify_is_allowed() for device in devices)
        if not allowed and info and info.get("locked_until")
    ]
    return max(0, math.ceil(max(waits, default=0)))


def wait_message(seconds):
    unit = "second" if seconds == 1 else "seconds"
    return (
        "Too many wrong codes in a row, so codes are not being checked for a moment. "
        f"Wait {seconds} {unit}, then type the newest code from your app."
    )


@never_cache
@superusers_only
def reset(request, user_id):
    """An administrator removes someone's second factor (a lost phone): they set it up again
    at their next sign-in."""
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        with transaction.atomic():
            TOTPDevice.objects.filter(user=person).delete()
            StaticDevice.objects.filter(user=person).delete()
            log_actions.log(person, "clinic.second_factor_reset", user=account(request.user))
        messages.success(request, f"Two-factor sign-in reset for {person.get_username()}.")
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request,
        "clinic/two_factor/reset.html",
        {"person": person, "has_factor": has_second_factor(person)},
    )


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/setup/", setup, name="two_factor_setup"),
        path("two-factor/verify/", verify, name="two_factor_verify"),
        path("two-factor/reset/<int:user_id>/", reset, name="two_factor_reset"),
    ]


@hooks.register("register_user_listing_buttons")
def reset_button(user, request_user):
    from wagtail.admin.widgets import ListingButton

    if request_user.is_superuser and has_second_factor(user):
        yield ListingButton(
            "Reset two-factor sign-in", reverse("two_factor_reset", args=[user.pk]), priority=60
        )


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    for action, label, message in [
        ("clinic.second_factor_set_up", "Set up two-factor sign-in", "Set up two-factor sign-in"),
        ("clinic.second_factor_failed", "Wrong second-factor code", "Typed a wrong or used code"),
        ("clinic.recovery_code_used", "Used a recovery code", "Signed in with a recovery code"),
        ("clinic.second_factor_reset", "Reset two-factor sign-in", "Reset two-factor sign-in"),
    ]:
        actions.register_action(action, label, message)
