"""Requests a visitor (or a scanner) gets wrong answer with a normal page, never a 500.

- NUL bytes: PostgreSQL refuses NUL (0x00) in text, so `/search/?q=%00` (or `?service=`, a
  listing's `?page=`, an admin filter) raised DataError wherever a view put the parameter in
  a query. `StripNulMiddleware` takes NULs out of every query parameter, names and values,
  before any view or other middleware reads them; a path holding one answers 404 (no page's
  address has one). POSTed text needs no help: Django's CharField refuses NUL itself.
- Too large a request (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS/FILES):
  Django turns it into a 400 through handler400; `bad_request` answers 413 for those, 400
  for anything else, with the clinic's own calm page, the phone and the crisis lines.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, QueryDict
from django.template.response import TemplateResponse

NUL = "\x00"
TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def without_nul(query):
    """A copy of the QueryDict with every NUL removed from names and values."""
    cleaned = QueryDict(mutable=True)
    for name, values in query.lists():
        cleaned.setlist(name.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    cleaned._mutable = False
    return cleaned


def holds_nul(query):
    return any(NUL in name or any(NUL in v for v in values) for name, values in query.lists())


class StripNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            raise Http404("No address holds a NUL byte.")
        if "%00" in request.META.get("QUERY_STRING", "") and holds_nul(request.GET):
            request.GET = without_nul(request.GET)
            # Code that reads the raw query (the page cache, get_full_path) sees the same.
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)


def bad_request(request, exception=None):
    """handler400: 413 when the request was too large to read, 400 otherwise."""
    too_large = isinstance(exception, TOO_LARGE)
    return TemplateResponse(
        request, "400.html", {"too_large": too_large}, status=413 if too_large else 400
    )
