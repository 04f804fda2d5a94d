"""The shared cache (Redis when REDIS_URL is set) and the caches built on it: the page cache,
shared data, fragments, and a CDN's purge on publish."""

import os

from clinic.settings.environment import env_switch

# Local memory for one process; Redis once several app servers share the counts and pages.
# Losing Redis costs speed only: the backend fails soft (clinic/serving/resilient_cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "clinic.serving.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "clinic",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (clinic/serving/pagecache.py): on with Redis, whose generation number every app
# server and worker shares. Without Redis each process would keep its own copies and only
# the process that saw a change would forget them: PAGE_CACHE=on there only for a single
# process. PAGE_CACHE=off renders every request.
PAGE_CACHE_ENABLED = env_switch("PAGE_CACHE", "on" if REDIS_URL else "off")
# Below the page cache, so that a page-cache miss (every page, after a publish) is cheap:
# - SHARED_DATA_CACHE: what pages show of the site and of other pages (settings, menu, header
#   and footer, related pages, a listing's count and topics) read once per change and shared
#   by all app servers (clinic.serving.pagecache.remember). Only with a cache they all share
#   (Redis); SHARED_DATA_CACHE=off reads it on every view.
# - FRAGMENT_CACHE: cards and large pictures rendered once per content
#   (clinic/serving/fragments.py); never stale in any cache. FRAGMENT_CACHE=off renders them on
#   every view.
SHARED_DATA_CACHE = env_switch("SHARED_DATA_CACHE", "on" if REDIS_URL else "off")
FRAGMENT_CACHE_ENABLED = env_switch("FRAGMENT_CACHE", "on")
# Seconds a page is kept in the shared cache; publishing empties it long before that.
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600"))
# Seconds a browser may reuse a page without asking again (Cache-Control max-age).
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
# Seconds a CDN or shared proxy may keep a page (s-maxage): 0 unless the CDN is purged on
# publish (see WAGTAILFRONTENDCACHE below), so a shared cache never serves a stale page.
PAGE_CACHE_S_MAXAGE = 0
# A name for this release (e.g. the git commit): pages rendered by one release are never
# served by another. Default: a hash of the static files manifest.
PAGE_CACHE_RELEASE = os.environ.get("PAGE_CACHE_RELEASE", "")
# Never served from or stored in the page cache.
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/search/"]
# Saving or deleting one of these makes every cached page stale (pages show them).
PAGE_CACHE_INVALIDATED_BY = [
    "clinic.ClinicSettings",
    "clinic.Person",
    "clinic.MedicalDisclaimer",
    "clinic.Fee",
    "clinic.LanguageTagline",
    "clinic.Reference",
    "blog.Topic",
    "taggit.Tag",
    "wagtailimages.Image",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
]

# CDN purge through Wagtail's frontend cache invalidation, when configured:
# FRONTEND_CACHE_BACKEND = cloudflare | cloudfront | http (a purger such as Varnish).
FRONTEND_CACHE_BACKEND = os.environ.get("FRONTEND_CACHE_BACKEND", "").lower()
if FRONTEND_CACHE_BACKEND:
    _frontend_backends = {
        "cloudflare": (
            "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            {
                "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
                "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID", ""),
            },
        ),
        "cloudfront": (
            "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            {"DISTRIBUTION_ID": os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID", "")},
        ),
        "http": (
            "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            {"LOCATION": os.environ.get("FRONTEND_CACHE_PURGE_URL", "")},
        ),
    }
    _backend, _options = _frontend_backends[FRONTEND_CACHE_BACKEND]
    WAGTAILFRONTENDCACHE = {"default": {"BACKEND": _backend, **_options}}
    PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "300"))
