"""Pages fetched for serving in few queries: each page in its own type with what its template
shows joined in (`serve_select_related` on the page model), the public ones among pages a
page links to, and the view restrictions of a page checked without a query."""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from clinic.serving import pagecache


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
    return shared_paths()["restricted"]


def shared_paths():
    """The tree paths of restricted pages and of aliases (Wagtail checks an alias against its
    original's restrictions), read once per page cache generation: a restriction's save or
    delete and an alias's creation (a live page saved) start a new one."""
    return pagecache.remember(
        "restricted-and-alias-paths",
        every_page=True,
        compute=lambda: {
            "restricted": sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
            "aliases": sorted(
                Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
            ),
        },
    )


def is_public(page, restricted):
    return not any(page.path.startswith(path) for path in restricted)


class SharedRestrictionsMixin:
    """For every page type of the site: Wagtail checks the view restrictions of the page and
    its ancestors on every view, in two queries; a page below no restricted page and no
    alias has none, which the shared paths tell without asking the database."""

    def get_view_restrictions(self):
        paths = shared_paths()
        if is_public(self, paths["restricted"]) and is_public(self, paths["aliases"]):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def public(pages):
    """pages.public() without Wagtail's query for the restrictions: from the shared paths."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return pages.exclude(private) if private else pages


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
        queryset = model.objects.live().filter(pk__in=ids).defer_streamfields()
        found.update(queryset.select_related(*serve_select_related(model)).in_bulk())
    return found


def shared_for_live_page(request, page, name, compute):
    """compute() once per page cache generation for the live page, shared between servers like
    the menu: for what a page shows of other pages (its related pages), which only saves that
    invalidate the page cache change. A preview computes it afresh: a draft links elsewhere."""
    if getattr(request, "is_preview", False):
        return compute()
    return pagecache.remember(f"{name}:{page.pk}", compute)


class SharedSiteMiddleware:
    """The request's Wagtail Site, and its home page in its own type, shared between servers.

    Wagtail looks the site up on every request (a query with a CASE ordering) and then
    fetches the home page's specific type to route from it (another). Both change only
    through saves that invalidate the page cache (a Site, a publish), so the answer for an
    allowed host and port is kept like the clinic's settings (clinic.serving.pagecache.remember).
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
        pagecache.start_request()  # what every page reads, in one round trip
        try:
            request._wagtail_site = pagecache.remember(
                f"site:{hostname}:{port}", lambda: site_with_home(request), every_page=True
            )
            return self.get_response(request)
        finally:
            pagecache.end_request()


def site_with_home(request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 (kept with the site: Wagtail routes from it)
    return site
