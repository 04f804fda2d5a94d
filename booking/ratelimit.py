"""Per-IP limits on the booking form, counted in the shared cache.

Two counts per address and window, so a visitor never pays for a mistake:
- requests: posts the form took (stored, or a bot's honeypot post answered like a success).
  BOOKING_RATE_LIMIT of them per window (5 an hour by default). Typos never count here, so
  five invalid posts do not lock a waiting room's shared address out.
- posts: every POST, valid or not, with its own much higher limit (BOOKING_POST_LIMIT, 50 an
  hour by default), so a script cannot hammer the validation either.

The counts live in Django's default cache, so with REDIS_URL set every app server sees the
same numbers; while Redis is unreachable each server process counts on its own
(clinic/serving/resilient_cache.py), so the limit still holds per process. Keys hold a keyed
hash of the address, never the address itself.

Client address: REMOTE_ADDR, unless BOOKING_TRUSTED_PROXY_COUNT says how many
reverse proxies of our own sit in front of the app. Then the address is taken
from X-Forwarded-For, counting that many hops from the right: the entries to
the left of those are written by the client and cannot be trusted.
"""

import hashlib
import hmac

from django.conf import settings

from clinic.security.client_address import client_ip
from clinic.serving.resilient_cache import count_up, current_count

DEFAULT_LIMIT = 5
DEFAULT_POST_LIMIT = 50
DEFAULT_WINDOW_SECONDS = 3600


def limit():
    return int(getattr(settings, "BOOKING_RATE_LIMIT", DEFAULT_LIMIT))


def post_limit():
    return int(getattr(settings, "BOOKING_POST_LIMIT", DEFAULT_POST_LIMIT))


def window_seconds():
    return int(getattr(settings, "BOOKING_RATE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS))


def cache_key(ip, kind="rate"):
    """kind "rate" counts accepted requests, "posts" every POST."""
    digest = hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()
    return f"booking:{kind}:{digest[:32]}"


def _count(key):
    return count_up(key, window_seconds())


def allow_post(request):
    """Count this POST; False once the address has sent too many posts of any kind, or
    has already used up its requests (so a limited visitor is told before retyping)."""
    ip = client_ip(request)
    if _count(cache_key(ip, "posts")) > post_limit():
        return False
    return current_count(cache_key(ip)) < limit()


def claim(request):
    """Count a request the form is about to take; False if it is one too many. Called only
    for a valid post (or the honeypot), so invalid posts never use up the limit."""
    return _count(cache_key(client_ip(request))) <= limit()
