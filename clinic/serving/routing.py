"""A URL to its page in two queries, whatever its depth.

Wagtail routes level by level: at each level it fetches the child by slug and then its
specific page, two queries a level, six for an article. Here the site's home page fetches
every page on the way in one query (by `url_path`), then only the page that answers, in its
specific type and with the relations its template shows (`serve_select_related`).

Same answers as Wagtail's routing: a page on the way whose own `route` would answer the rest
of the path (a routable page whose sub-URLs match it, or any other custom `route`) is asked,
as Wagtail would ask it; a missing level ends in that page's own 404. The pages on the way
are kept (`route_ancestors`), so breadcrumbs and the parent cost no further query.
"""

from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from clinic.serving.shared_data import specific_for_serving


def answers_itself(page, remaining):
    """Whether `page`'s own route would answer the remaining path rather than a child."""
    model = page.specific_class or Page
    if model.route is Page.route:
        return False
    if model.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            model.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Resolver404:
            return False
    return True


def route_ancestors(page):
    """The pages above `page` fetched while routing to it, home first; None otherwise."""
    return getattr(page, "_route_ancestors", None)


class ChainRouteMixin:
    """For a site's root page: route below it with one query for the whole way down."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:depth])}/"
            for depth in range(1, len(path_components) + 1)
        ]
        found = {page.url_path: page for page in Page.objects.filter(url_path__in=prefixes)}
        chain = [self]
        for depth, prefix in enumerate(prefixes, start=1):
            page = found.get(prefix)
            if page is None or page.depth != self.depth + depth:
                break
            chain.append(page)
            remaining = path_components[depth:]
            if remaining and answers_itself(page, remaining):
                break
        if len(chain) == 1:
            return super().route(request, path_components)
        page = specific_for_serving(chain[-1])
        page._cached_parent_obj = chain[-2]
        page._route_ancestors = chain[:-1]
        return page.route(request, path_components[len(chain) - 1 :])
