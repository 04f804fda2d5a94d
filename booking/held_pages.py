"""What a visitor sees when their request was held because the database is down.

Both pages are rendered without a request context and without a query: the database may be
gone for the rest of this request, and the normal pages read the clinic's settings from it.
What they show comes from the copies kept for outages (clinic.serving.database_down):
- the thank-you page: the reference, the reply promise (working days and closed days from
  the copy, counted from now), the clinic's phone and crisis lines;
- if even the spool failed: the form again with every answer, and the clinic's phone number
  (503, Retry-After), so nothing is lost without the visitor knowing.
"""

import datetime

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

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
        "cs": {"crisis_lines": database_down.crisis_lines_for_template(details["crisis_lines"])},
    }


def no_store(response):
    response["Cache-Control"] = "no-store, private"
    return response


def thank_you(page, held):
    context = outage_context(page)
    context["reference"] = held.reference
    context["reply_promise"] = promise_from_copy(context["clinic"], held.received_at)
    return no_store(HttpResponse(render_to_string("booking/held_thank_you.html", context)))


def answers_back(request, page, form):
    context = outage_context(page)
    context.update(form=form, action=request.path, csrf_token_value=get_token(request))
    html = render_to_string("booking/held_form.html", context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = database_down.retry_after()
    return no_store(response)
