"""What a visitor sees when their request was held because the database is down.

Both pages are rendered without a request context and without a query: the database may be
gone for the rest of this request, and the normal pages read the clinic's settings from it.
What they show comes from the copies kept for outages (clinic.serving.database_down):
- the thank-you page: the reference, the reply promise (working days and closed days from
  the copy, counted from now), the clinic's phone and crisis lines;
- if even the spool failed: the form again with every answer, and the clinic's phone number
  (503, Retry-After), so nothing is lost without the visitor knowing;
- for a request taken from the copy of the form (booking/held_posts.py), the same form again
  with its errors (200), under the rate limit's notice (429) or the failed security check's
  (403), as the page itself would answer; and the blank form carrying a self-check result
  (200, no notice), for the self-check's "Book a consultation" button.
"""

import datetime

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone

from clinic.practice.working_days import ReplyPromise, reply_due
from clinic.serving import database_down

from . import held_requests


def hold_and_thank(request, page, form, intake_key):
    held = held_requests.held_from_form(page, form, intake_key)
    try:
        held_requests.hold(held)
    except held_requests.SpoolUnavailable:
        return answers_back(request, page, form)
    return thank_you(page, held)


def promise_from_copy(details, received_at):
    """The reply promise from the copy of the clinic's settings; None without a copy (the
    page then promises no date rather than a wrong one)."""
    days = details.get("reply_working_days")
    if not days:
        return None
    closed = [datetime.date.fromisoformat(day) for day in details["closed_days"]]
    return ReplyPromise(working_days=days, due=reply_due(received_at, days, closed))


def outage_context(page):
    details = database_down.contact_details()
    return {
        "page_title": page.title,
        "clinic": details,
        "cs": database_down.crisis_lines_for_template(details["crisis_lines"]),
    }


def no_store(response):
    response["Cache-Control"] = "no-store, private"
    return response


def thank_you(page, held=None, reference=None, received_at=None):
    """The thank-you page: for a held request, or with the reference of one stored already
    (or none, for the thank-you address asked for while the database is down)."""
    context = outage_context(page)
    context["reference"] = held.reference if held else reference
    arrival = held.received_at if held else received_at or timezone.now()
    context["reply_promise"] = promise_from_copy(context["clinic"], arrival)
    return no_store(HttpResponse(render_to_string("booking/held_thank_you.html", context)))


# Why the answers come back: the notice shown above them, and the status.
NOTICE_STATUS = {
    "unavailable": 503,
    "invalid": 200,
    "rate_limited": 429,
    "csrf": 403,
    "carried": 200,
}


def answers_back(request, page, form, notice="unavailable"):
    """The form again with every answer (and its errors) and a fresh security token; for
    notice "carried", the blank form with the carried self-check result."""
    context = outage_context(page)
    context.update(
        form=form, notice=notice, action=request.path, csrf_token_value=get_token(request)
    )
    html = render_to_string("booking/held_form.html", context)
    response = HttpResponse(html, status=NOTICE_STATUS[notice])
    if notice == "unavailable":
        response["Retry-After"] = database_down.retry_after()
    return no_store(response)
