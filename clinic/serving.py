"""Pages fetched for serving in few queries: each page in its own type with what its template
shows joined in (`serve_select_related` on the page model), and the public ones among pages
a page links to, without a query for the view restrictions."""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.http.request import split_domain_port
from wagtail.models import PageViewRestriction, Site

from . import pagecache


def specific_for_serving(page):
    """The page in its own type, with what its template shows joined in."""
    model = page.specific_class
    if model is None or model is type(page):
        return page.specific
    return model.objects.select_related(*serve_select_related(model)).get(pk=page.pk)


def serve_select_related(model):
    return getattr(model, "serve_select_related", ())


def restricted_paths():
    """The tree paths of pages with a view restriction (a password, sign-in or groups).
    Shared between servers until a restriction changes (PAGE_CACHE_INVALIDATED_BY)."""
    return pagecache.remember(
        "restricted-paths",
        lambda: sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def is_public(page, restricted):
    return not any(page.path.startswith(path) for path in restricted)


def live_public_specific(pages):
    """{pk: specific page} for the live, public pages among `pages` (generic Page objects,
    e.g. from a page chooser): one query per page type."""
    restricted = restricted_paths()
    ids_by_model = defaultdict(list)
    for page in pages:
        if page.live and is_public(page, restricted) and page.specific_class:
            ids_by_model[page.specific_class].append(page.pk)
    found = {}
    for model, ids in ids_by_model.items():
        queryset = model.objects.live().filter(pk__in=ids)
        found.update(queryset.select_related(*serve_select_related(model)).in_bulk())
    return found


class SharedSiteMiddleware:
    """The request's Wagtail Site, and its home page in its own type, shared between servers.

    Wagtail looks the site up on every request (a query with a CASE ordering) and then
    fetches the home page's specific type to route from it (another). Both change only
    through saves that invalidate the page cache (a Site, a publish), so the answer for an
    allowed host and port is kept like the clinic's settings (clinic.pagecache.remember).
    A host outside ALLOWED_HOSTS is left to Django, which refuses it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        if not getattr(settings, "SHARED_DATA_CACHE", False):
            raise MiddlewareNotUsed  # nothing to share: Wagtail looks the site up itself

    def __call__(self, request):
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        hostname, port = split_domain_port(host)[0], request.get_port()
        request._wagtail_site = pagecache.remember(
            f"site:{hostname}:{port}", lambda: site_with_home(request)
        )
        return self.get_response(request)


def site_with_home(request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 (kept with the site: Wagtail routes from it)
    return site
