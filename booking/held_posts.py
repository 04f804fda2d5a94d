"""A booking request posted when the database is down already: taken from the form's copy.

When PostgreSQL is gone before a booking POST reaches the page (routing, the questions, the
treatments, the session all need it), the request still must not be lost.
`answer_during_outage` is registered with clinic.serving.database_down (booking/apps.py) and
answers a request that met the outage, when its path is a booking page's in the copy kept for
it (booking/form_copy.py); anything else gets the 503 page. For a POST, as the page would:
1. the security check (CSRF) without the database: the token against the CSRF cookie
   (CSRF_USE_SESSIONS is off; with it on the secret is in the database, and the POST gets the
   503 page). A failed check: the answers back with the notice of the clinic's CSRF page, 403;
2. the per-address limits (kept in the shared cache, no database): booking/ratelimit.py, 429;
3. the form built from the copy (the page's own BookingFormBuilder), so the same rules apply;
   the honeypot is counted and thanked like a request, with nothing kept; invalid answers come
   back with their errors;
4. a valid request is held (booking/held_requests.py: encrypted, with its arrival time and a
   reference) and thanked; if the spool fails, the answers come back with the phone (503).
A result carried from the self-check (booking/self_check.py) is not a request: the blank form
from the copy comes back with it (200), whatever the security check says, counted nowhere.
A GET of the booking page stays the 503 page; a GET of its thank-you page (a visitor whose
request was stored just before the outage, redirected there) gets the thank-you page.

A request whose view stored it before the database went (a session save failing afterwards)
is never held again: the view marks the request (TAKEN_ATTRIBUTE) and is thanked with the
reference it was given.
"""

import uuid

from django.conf import settings
from django.http import HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware

from . import form_copy, held_pages, held_requests, ratelimit, self_check
from .forms import HONEYPOT_FIELD

# Set on the request by the booking view: the reference of the request it stored.
TAKEN_ATTRIBUTE = "booking_reference_taken"
# Set by the booking view once it counted the POST towards the limits (whether the limits
# allowed it): not counted twice, and the view's answer stands.
ALLOWED_ATTRIBUTE = "booking_post_allowed"


class CsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check, answering a failure with a plain 403 that this module turns
    into the form with its answers (the configured failure view would route the page)."""

    def _reject(self, request, reason):
        return HttpResponseForbidden(reason)


def _no_view(request):
    return None  # the callback process_view inspects: not csrf_exempt


def passes_csrf_check(request, check):
    if getattr(request, "csrf_processing_done", False):
        return True  # CsrfViewMiddleware accepted it before the database was met
    if "CSRF_COOKIE" not in request.META:
        check.process_request(request)  # the outage came before the middleware read the cookie
    return check.process_view(request, _no_view, (), {}) is None


def answer_during_outage(request):
    """The outage handler: a response for a booking page's address, else None."""
    if request.method == "POST":
        page = form_copy.copied_page(request.path)
        if page is None or settings.CSRF_USE_SESSIONS:
            return None
        return answer_post(request, page)
    if request.method in ("GET", "HEAD"):
        page = form_copy.thank_you_page(request.path)
        if page is not None:
            return held_pages.thank_you(page)
    return None


def answer_post(request, page):
    # What was posted may be health information: kept out of any error report.
    request.sensitive_post_parameters = "__ALL__"
    taken = getattr(request, TAKEN_ATTRIBUTE, None)
    if taken:
        return held_pages.thank_you(page, reference=taken)
    check = CsrfCheck(lambda request: None)
    form_class = form_copy.copied_form_class(page)
    # Checked also for a carry: it reads the CSRF cookie, so the new form's token matches it.
    csrf_passed = passes_csrf_check(request, check)
    if self_check.is_carry(request):
        initial = self_check.carried_initial(request, trusted=csrf_passed)
        blank = form_class(initial=initial, page=page)
        response = held_pages.answers_back(request, page, blank, notice="carried")
    elif not csrf_passed:
        form = form_class(request.POST, page=page)
        response = held_pages.answers_back(request, page, form, notice="csrf")
    else:
        response = take_post(request, page, form_class(request.POST, page=page))
    # A fresh token was handed out: its cookie goes with the page (CsrfViewMiddleware's own
    # step, taken here since the outage may have come before that middleware).
    return check.process_response(request, response)


def take_post(request, page, form):
    """Steps 2 to 4 of the module docstring, in the booking view's order."""
    allowed = getattr(request, ALLOWED_ATTRIBUTE, None)
    if allowed is None:
        allowed = ratelimit.allow_post(request)
    if not allowed:
        return rate_limited(request, page, form)
    if request.POST.get(HONEYPOT_FIELD):
        # A bot: answered like a request (with a reference that names nothing), nothing kept.
        if not ratelimit.claim(request):
            return rate_limited(request, page, form)
        return held_pages.thank_you(page, reference=held_requests.new_reference())
    if not form.is_valid():
        return held_pages.answers_back(request, page, form, notice="invalid")
    if not ratelimit.claim(request):
        return rate_limited(request, page, form)
    return held_pages.hold_and_thank(request, page, form, uuid.uuid4())


def rate_limited(request, page, form):
    response = held_pages.answers_back(request, page, form, notice="rate_limited")
    response["Retry-After"] = str(ratelimit.window_seconds())
    return response
