"""The page cache: anonymous page views served from the shared cache, never stale.

How it works
- `PageCacheMiddleware` answers anonymous GET and HEAD requests from Django's default cache
  (Redis with REDIS_URL, so every app server shares it; local memory otherwise). A hit is one
  cache round trip and no SQL.
- What is stored: a 200 response to a request without a session or messages cookie, for a
  path outside the admin, documents and search, whose response sets no cookie, has no
  `private`, `no-store` or `no-cache` in its Cache-Control, and varies on nothing but Cookie.
  So booking pages (`no-store, private`), anything that hands out a CSRF token, and anything
  for a signed-in user are never stored.
- Never stale: every entry carries the cache *generation* it was rendered under. Publishing,
  unpublishing, moving, deleting or saving a live page, and saving a model that pages show
  (settings, people, topics, images, sites, privacy rules: PAGE_CACHE_INVALIDATED_BY) bumps
  the generation, so every page is rendered afresh on its next request, on every server.
  The generation is read before the page is rendered and stored with it, and bumped again
  after the transaction commits: a page rendered from rows read before the commit can never
  be served after it.
- Stored compressed: Brotli and gzip are made once when a page is stored, and a hit is sent
  in the encoding the browser accepts (clinic/serving/compression.py).
- Redis lost: no token can be read, so nothing is served or stored until it answers again
  (clinic/serving/resilient_cache.py, which also renews the token then).
- Cache-Control: `public, max-age=<PAGE_CACHE_MAX_AGE>, s-maxage=<PAGE_CACHE_S_MAXAGE>` on
  cached pages; `private, no-cache` on any other page that did not say. A CDN keeps pages
  only when it can be purged (WAGTAILFRONTENDCACHE): see `purge_frontend_cache`.
"""

import hashlib
import logging
import threading
import uuid
from functools import lru_cache, partial
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control

from clinic.serving import compression
from clinic.serving.resilient_cache import ResilientRedisCache, renew_after_outage

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
renew_after_outage(GENERATION_KEY)  # a publish may have missed Redis: see resilient_cache
# What freeze() stores; part of the key, so a release that changes it never reads old entries.
ENTRY_FORMAT = "encodings"
STATUS_HEADER = "X-Page-Cache"
# Response headers a cached copy keeps (the outer middleware add the security headers anew).
KEPT_HEADERS = {
    "content-type",
    "content-language",
    "cache-control",
    "vary",
    "x-frame-options",
    "content-security-policy",
    "content-security-policy-report-only",
    "link",
    "x-robots-tag",
}
# Fields a draft save writes on a live page; the live content does not change.
DRAFT_ONLY_FIELDS = {
    "comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}
# Image fields Wagtail fills in lazily while a page renders: no reason to flush pages.
IMAGE_BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def excluded_paths():
    return tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ()))


def public_cache_control():
    max_age = int(getattr(settings, "PAGE_CACHE_MAX_AGE", 60))
    s_maxage = int(getattr(settings, "PAGE_CACHE_S_MAXAGE", 0))
    return {"public": True, "max_age": max_age, "s_maxage": s_maxage}


@lru_cache(maxsize=1)
def release():
    """Pages rendered by one release are never served by another (rolling deploys): the key
    holds PAGE_CACHE_RELEASE, else a hash of the static files manifest, whose hashed names
    the pages link to."""
    configured = getattr(settings, "PAGE_CACHE_RELEASE", "")
    if configured:
        return configured
    manifest = settings.STATIC_ROOT and (settings.STATIC_ROOT / "staticfiles.json")
    try:
        return hashlib.sha256(manifest.read_bytes()).hexdigest()[:12]
    except (OSError, AttributeError, TypeError):
        return "dev"


def page_key(request):
    """Scheme, host, path and the query string in a stable order."""
    query = urlencode(sorted(parse_qsl(request.META.get("QUERY_STRING", ""), True)))
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:page:{release()}:{ENTRY_FORMAT}:{digest}"


def cache_get_many():
    """cache.get_many in one round trip, each value unpickled at once."""
    get_many_lazily = cache_get_many_lazily()
    return lambda keys: {key: load() for key, load in get_many_lazily(keys).items()}


def cache_get_many_lazily():
    """The same, each value found as a function that loads it: unpickled only when used.
    With Redis, one MGET over a client kept by the backend (clinic/serving/resilient_cache.py),
    which answers nothing while Redis is unreachable."""
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        return backend.get_many_lazily
    return lambda keys: {key: partial(identity, v) for key, v in backend.get_many(keys).items()}


def identity(value):
    return value


def current_token(key):
    """The token under key now: random, made when missing (first request, or Redis evicted
    it). Tokens never repeat, so a value stored under an old one can never come back.
    None while the cache is unreachable."""
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token


def new_token(key):
    """Everything stored under the old token is stale from now on, on every server."""
    cache.set(key, uuid.uuid4().hex, timeout=None)


def read_current(keys, token_key=GENERATION_KEY):
    """In one round trip: the token now under token_key, and the value of each key that was
    stored as (token, value) under that token; a value stored under an older one is left out.
    (None, {}) while the cache is unreachable."""
    found = cache_get_many()([token_key, *keys])
    token = found.get(token_key) or current_token(token_key)
    if token is None:  # unreachable: nothing found can be trusted, nothing may be stored
        return None, {}
    return token, {key: found[key][1] for key in keys if key in found and found[key][0] == token}


def shared_data():
    """Only when the cache is shared (SHARED_DATA_CACHE: on with Redis); with a cache in each
    process, a change seen by one process would leave the others' copies current."""
    return getattr(settings, "SHARED_DATA_CACHE", False)


def data_key(name):
    return f"pagecache:data:{release()}:{name}"


# This request's reads of shared data: (generation, {key: a function loading what Redis holds
# under it, None when nothing}), or None outside a request. One per thread: a server's threads
# serve one request each.
_request = threading.local()
# The names every page reads (the site, settings, menu, header and footer): read at once when
# a request starts. Bounded, in case a name holds something unbounded.
_every_page = {}
EVERY_PAGE_NAMES = 64


def start_request():
    """The generation and what every page reads, in one round trip, for this request's
    remember() calls (clinic.serving.shared_data.SharedSiteMiddleware calls this, then
    end_request)."""
    _request.reads = None
    if not shared_data():
        return
    keys = [data_key(name) for name in _every_page]
    try:
        found = cache_get_many_lazily()([GENERATION_KEY, *keys])
        token = found.pop(GENERATION_KEY, None)
        generation = token() if token else current_token(GENERATION_KEY)
    except Exception:
        logger.exception("The shared cache is unreachable")
        return
    if generation is None:  # Redis is lost (logged there): every name is computed
        return
    _request.reads = (generation, {key: found.get(key) for key in keys})


def end_request():
    _request.reads = None


def remember(name, compute, every_page=False):
    """compute() once per generation, shared by every server: for what pages show and only
    invalidations change (the clinic's settings, the menu). Like a page, the value is stored
    with the generation read before it was computed, so it is never stale. Within a request,
    a name is read once; `every_page` names are read when the request starts (start_request)."""
    if not shared_data():
        return compute()
    key = data_key(name)
    if every_page and name not in _every_page:
        if len(_every_page) >= EVERY_PAGE_NAMES:
            _every_page.clear()
        _every_page[name] = None
    reads = getattr(_request, "reads", None)
    if reads is not None and key in reads[1]:
        generation, load = reads[0], reads[1][key]
        stored = load() if load else None  # (generation, value) as stored, or nothing
        found = {key: stored[1]} if stored and stored[0] == generation else {}
    else:
        try:
            generation, found = read_current([key])
        except Exception:
            logger.exception("The shared cache is unreachable; computing %s", name)
            return compute()
    if key in found:
        value = found[key]
    elif generation is None:  # Redis is lost: nothing to store under
        return compute()
    else:
        value = compute()
        try:
            timeout = int(getattr(settings, "PAGE_CACHE_TIMEOUT", 3600))
            cache.set(key, (generation, value), timeout)
        except Exception:
            logger.exception("Could not store %s in the shared cache", name)
    if reads is not None and reads[0] == generation:
        reads[1][key] = partial(identity, (generation, value))
    return value


def bump_generation():
    """Every cached page is stale from now on, on every server sharing the cache."""
    new_token(GENERATION_KEY)


def invalidate(reason=""):
    """Bump now (this process and the tests see it at once) and again after the commit (no
    request that read the rows before the commit can have stored them under the new number);
    then ask the CDN, when there is one, to forget the pages too."""
    bump_generation()
    transaction.on_commit(bump_generation)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(purge_frontend_cache)
    logger.debug("Page cache invalidated: %s", reason)


def purge_frontend_cache():
    """Every live page of every site, purged from the CDN in batches (Wagtail's frontend cache
    invalidation: WAGTAILFRONTENDCACHE). A failed purge is logged; s-maxage bounds the rest."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page, Site

    try:
        batch = PurgeBatch()
        # Each page's URL plus the extra paths it names in get_cached_paths() (its routes).
        batch.add_pages(Page.objects.live().public().specific(defer=True))
        batch.add_urls(f"{site.root_url}/sitemap.xml" for site in Site.objects.all())
        batch.purge()
    except Exception:
        logger.exception("The CDN purge failed")


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False  # signed in, or a message waiting to be shown: render it for them
    return not request.path.startswith(excluded_paths())


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a CSRF token was handed out: the page is one visitor's
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "added_new", False):
        return False
    directives = {
        item.split("=")[0].strip().lower()
        for item in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if directives & {"private", "no-store", "no-cache"}:
        return False
    vary = {item.strip().lower() for item in cc_delim_re.split(response.get("Vary", "")) if item}
    return vary <= {"cookie"}


def freeze(response):
    """Status, headers and the body in every encoding (compressed once, here)."""
    headers = [(name, value) for name, value in response.items() if name.lower() in KEPT_HEADERS]
    if compression.compressible(response):
        bodies = compression.all_encodings(response.content)
    else:
        bodies = {"identity": response.content}
    return (response.status_code, headers, bodies)


def thaw(frozen, request):
    """The stored page, in the encoding this request accepts."""
    status, headers, bodies = frozen
    response = HttpResponse(status=status, headers=dict(headers))
    return served(response, bodies, request)


def served(response, bodies, request):
    if len(bodies) == 1:  # not compressible: as it was
        response.content = bodies["identity"]
        response["Content-Length"] = str(len(response.content))
        return response
    encoding = compression.accepted(request)
    return compression.encode(response, encoding, bodies[encoding])


class PageCacheMiddleware:
    """Serve anonymous page views from the shared cache; see the module's docstring.

    Place it after SecurityMiddleware and WhiteNoiseMiddleware (static files never reach it,
    HTTPS redirects come first) and before SessionMiddleware (so it sees the cookies every
    other middleware sets, and a hit runs none of them).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        if not request_is_cacheable(request):
            return self.private(self.get_response(request))

        key = page_key(request)
        try:
            generation, found = read_current([key])
        except Exception:
            logger.exception("The page cache is unreachable; rendering the page")
            return self.private(self.get_response(request))
        if generation is None:  # Redis is lost (resilient_cache logs it): render, keep nothing
            return self.private(self.get_response(request))
        if key in found:
            response = thaw(found[key], request)
            response[STATUS_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return self.private(response)
        patch_cache_control(response, **public_cache_control())
        frozen = freeze(response)
        if request.method == "GET":
            timeout = int(getattr(settings, "PAGE_CACHE_TIMEOUT", 3600))
            try:
                cache.set(key, (generation, frozen), timeout)
            except Exception:
                logger.exception("Could not store a page in the page cache")
        response = served(response, frozen[2], request)
        response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def private(response):
        """Nothing we do not store may be kept by a CDN or shared proxy unless the view said."""
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-cache"
        response[STATUS_HEADER] = "skip"
        return response
