"""A per-IP limit on booking POSTs, counted in the shared cache.

The counts live in Django's default cache, so with REDIS_URL set every app
server sees the same numbers. Keys hold a keyed hash of the address, never the
address itself.

Client address: REMOTE_ADDR, unless BOOKING_TRUSTED_PROXY_COUNT says how many
reverse proxies of our own sit in front of the app. Then the address is taken
from X-Forwarded-For, counting that many hops from the right: the entries to
the left of those are written by the client and cannot be trusted.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from clinic.client_address import client_ip

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 3600


def limit():
    return int(getattr(settings, "BOOKING_RATE_LIMIT", DEFAULT_LIMIT))


def window_seconds():
    return int(getattr(settings, "BOOKING_RATE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS))


def cache_key(ip):
    digest = hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()
    return f"booking:rate:{digest[:32]}"


def allow(request):
    """Count this POST; False once the address has used up its requests for the window."""
    key = cache_key(client_ip(request))
    # add() only sets a missing key, so the window starts at an address's first request.
    cache.add(key, 0, timeout=window_seconds())
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window_seconds())
        count = 1
    return count <= limit()
