"""The clinic's own page when a form's security check (CSRF) fails (CSRF_FAILURE_VIEW).

A visitor meets this after leaving a form open until its cookie expired, or with cookies
blocked: Django's technical "CSRF verification failed" page would tell them nothing useful
and lose what they typed. Instead:
- on a page that can take its form back (a page model with `serve_csrf_failure`, such as the
  booking page), that page answers: its form again with the answers kept and a fresh token;
- anywhere else (the admin included) a calm page with the clinic's phone and the crisis lines.

Nothing is ever stored here: the page's own view, which stores, never runs. The method gets
what Wagtail's routing found (a routable page: the view and its arguments). The clinic
imports no app: the page is found by Wagtail's routing and asked through that one method.
"""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.models import Page


def csrf_failure(request, reason=""):
    # What was posted may be health information: kept out of any error report, as the
    # booking view's own sensitive_post_parameters does.
    request.sensitive_post_parameters = "__ALL__"
    page_response = page_csrf_failure(request)
    if page_response is not None:
        return page_response
    context = {"in_admin": request.path.startswith("/admin/")}
    return TemplateResponse(request, "403_csrf.html", context, status=403)


def page_csrf_failure(request):
    """The Wagtail page's own answer, if the failed POST was to a page that has one and the
    visitor may see that page (Wagtail's before-serve checks: view restrictions)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return None
    route = Page.route_for_request(request, request.path_info)
    if route is None:
        return None
    page, args, kwargs = route
    serve = getattr(page, "serve_csrf_failure", None)
    if serve is None:
        return None
    for check in hooks.get_hooks("before_serve_page"):
        if isinstance(check(page, request, args, kwargs), HttpResponse):
            return None  # a private page: say nothing of it
    return serve(request, *args, **kwargs)
