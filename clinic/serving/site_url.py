"""One address: every absolute URL the site emits starts with SITE_URL, whatever host a request
came in on.

Absolute URLs come from two places, and both are pointed at SITE_URL:
- Wagtail's Site record (canonical links, og:url, the sitemap, feeds, JSON-LD `url`s): its host
  name and port are set from SITE_URL by `migrate` (a post_migrate receiver) and by the
  `configure_site` command.
- `request.build_absolute_uri` (breadcrumb JSON-LD, images, robots.txt): `SiteURLMiddleware`
  gives every request SITE_URL as its scheme and host for building absolute URLs. Routing,
  ALLOWED_HOSTS and the page cache still see the host the request really came in on.
Production settings require SITE_URL; without it (development, tests) URLs follow the request.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def site_url():
    return (getattr(settings, "SITE_URL", "") or "").rstrip("/")


def parse(url):
    """(scheme, host name, port) of SITE_URL, or an ImproperlyConfigured naming it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's address, like https://clinic.example (got {url!r})."
        )
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        # Wagtail's Site builds https addresses for port 443 only.
        raise ImproperlyConfigured(f"SITE_URL: an https address uses port 443 (got {url!r}).")
    return parts.scheme, parts.hostname, port


def configure_default_site(stdout=None):
    """Give the default Site SITE_URL's host name and port. Returns what changed, or ''."""
    from wagtail.models import Site

    url = site_url()
    if not url:
        return ""
    _, hostname, port = parse(url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return ""
    before = site.root_url
    site.hostname, site.port = hostname, port
    site.save()
    return f"The default site's address is now {site.root_url} (was {before})."


def configure_after_migrate(sender, **kwargs):
    """post_migrate: a deploy's `migrate` also sets the site's address."""
    if sender.name == "clinic":
        configure_default_site()


class SiteURLMiddleware:
    """Absolute URLs built from a request use SITE_URL (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.url = site_url()
        if self.url:
            parse(self.url)

    def __call__(self, request):
        if self.url:
            # HttpRequest.build_absolute_uri joins its location to this cached property.
            request._current_scheme_host = self.url
        return self.get_response(request)
