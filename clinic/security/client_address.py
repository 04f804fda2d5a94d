"""The visitor's address, as our own proxies saw it: what rate limits and lockouts count by."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or behind BOOKING_TRUSTED_PROXY_COUNT proxies of ours, the X-Forwarded-For
    hop the last of them wrote. Never the left-most hop: the client writes that one, and a new
    made-up address on every attempt would never reach a limit."""
    proxies = int(getattr(settings, "BOOKING_TRUSTED_PROXY_COUNT", 0))
    if proxies > 0:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def valid_client_ip(request):
    """client_ip, or REMOTE_ADDR when a misconfigured proxy count yields something that is not
    an IP address; None if neither is one."""
    for candidate in (client_ip(request), request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(candidate.strip()))
        except (AttributeError, ValueError):
            continue
    return None
