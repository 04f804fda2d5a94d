"""Password reset requests, limited per email address and per network address.

Wagtail's "Forgotten password?" sends a reset link to an account's address. Unlimited, it lets
anyone fill a colleague's inbox or hammer the form from one machine. Each valid request counts
against its email address (PASSWORD_RESET_LIMIT_PER_EMAIL) and the client's address
(PASSWORD_RESET_LIMIT_PER_ADDRESS, clinic/security/client_address.py) within
PASSWORD_RESET_WINDOW_MINUTES; past either, no email goes out. The page that follows is the
same either way (and the same whether or not the address has an account), so the form tells
nobody which addresses exist or which limit was reached.

Counts live in the shared cache (Redis in production: every app server sees them; while Redis
is unreachable, each server process counts on its own: clinic/serving/resilient_cache.py)
under a keyed hash, never the address itself.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from wagtail.admin.forms.auth import PasswordResetForm

from clinic.security.client_address import valid_client_ip
from clinic.serving.resilient_cache import count_up

logger = logging.getLogger("clinic.security.password_reset")


def window_seconds():
    return settings.PASSWORD_RESET_WINDOW_MINUTES * 60


def count(kind, value):
    """This request's number for `value` within the window (1 for the first)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
    key = f"password-reset:{kind}:{digest[:32]}"
    return count_up(key, window_seconds())  # the window starts at the first request


def allowed(request, email):
    """Count the request against both limits; False once either is used up."""
    by_email = count("email", email.strip().lower())
    by_address = count("ip", valid_client_ip(request) or "unknown")
    if by_email > settings.PASSWORD_RESET_LIMIT_PER_EMAIL:
        logger.warning("Password reset refused: too many requests for one email address")
        return False
    if by_address > settings.PASSWORD_RESET_LIMIT_PER_ADDRESS:
        logger.warning("Password reset refused: too many requests from one network address")
        return False
    return True


class LimitedPasswordResetForm(PasswordResetForm):
    """WAGTAILADMIN_USER_PASSWORD_RESET_FORM: Wagtail's form, whose save() (which sends the
    email) does nothing past a limit. The view then shows its usual "check your email" page."""

    def save(self, *args, request=None, **kwargs):
        if request is not None and not allowed(request, self.cleaned_data["email"]):
            return None
        return super().save(*args, request=request, **kwargs)
