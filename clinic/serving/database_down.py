"""While the database is down: a calm 503 page, never a 500 or a stack trace.

A PostgreSQL restart takes seconds to a minute. Meanwhile:
- pages the page cache holds are still served (the cache is read before anything that could
  query: clinic/serving/pagecache.py);
- any request that needs the database gets `503 Service Unavailable` with `Retry-After`, and
  a page that needs no database: the clinic's phone number and crisis lines from the copy
  ClinicSettings keeps (clinic/serving/outage_copies.py), or the national lines when no copy
  exists yet;
- a POST that an app can keep for later (a booking request) is offered to the handlers
  registered with `register_outage_handler`, which answer it without the database.

The database's unavailability is caught in one place, whichever layer raised it:
- in a view: `DatabaseDownMiddleware.process_exception`;
- in a middleware (sessions, the shared site lookup) or a response's rendering: the 500
  handler `server_error` (handler500), which looks at the exception being handled.
Other errors keep Django's own 500 page. The log gets one warning a minute per process, not a
traceback per request: an outage answer is marked as logged already (Django's own flag).

Once the database is back, the next request succeeds: CONN_HEALTH_CHECKS drops a persistent
connection that died with it before it is used (clinic/settings/base.py).
"""

import logging
import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import get_template
from django.utils import translation
from django.views import defaults

from clinic.serving import outage_copies
from clinic.serving.language import language_of_path

logger = logging.getLogger(__name__)

try:  # psycopg's own errors, should one escape Django's wrappers
    from psycopg import InterfaceError as PsycopgInterfaceError
    from psycopg import OperationalError as PsycopgOperationalError
except ImportError:  # SQLite-only installs
    PsycopgInterfaceError = PsycopgOperationalError = OperationalError

UNAVAILABLE = (OperationalError, InterfaceError, PsycopgOperationalError, PsycopgInterfaceError)
CONTACT_COPY = "clinic-contact"
DEFAULT_RETRY_AFTER = 30
WARN_EVERY_SECONDS = 60

# The national lines (United States defaults, as the demo content gives them), for when no copy of
# the clinic's own exists yet.
NATIONAL_CRISIS_LINES = [
    {
        "name": "Emergency services",
        "description": "If you or someone else is in immediate danger.",
        "phone": "911",
        "sms": "",
        "url": "",
        "emergency": True,
    },
    {
        "name": "988 Suicide & Crisis Lifeline",
        "description": "Call or text 988, or chat online. Free, confidential, 24 hours a day.",
        "phone": "988",
        "sms": "988",
        "url": "https://988lifeline.org/chat/",
        "emergency": False,
    },
]

# The same for Spanish pages: the 988 Lifeline answers in Spanish by its option 2 and the text
# keyword AYUDA (content/es/settings.yaml has the clinic's own wording).
NATIONAL_CRISIS_LINES_ES = [
    {
        "name": "Emergencias",
        "description": "Si usted u otra persona está en peligro inmediato, llame al 911.",
        "phone": "911",
        "sms": "",
        "url": "",
        "emergency": True,
    },
    {
        "name": "988 Suicide & Crisis Lifeline (en español, marque 2)",
        "description": "Llame al 988 y marque 2, o envíe AYUDA por mensaje de texto al 988. "
        "Gratis, confidencial, las 24 horas.",
        "phone": "988",
        "sms": "988",
        "sms_text": "AYUDA",
        "url": "https://988lifeline.org/",
        "emergency": False,
    },
]

_outage_handlers = []
_last_warning = {"at": float("-inf")}


def is_unavailable(exc):
    """Whether `exc` (or an exception it was raised from) says the database cannot be reached."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, UNAVAILABLE):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def contact_details(language=None):
    """The clinic's name, phone and crisis lines as last kept; the national lines if none.
    In Spanish (the request's language unless given), the Spanish lines when kept, else the
    English ones, as the pages themselves fall back (clinic.practice.spanish)."""
    copy = outage_copies.read(CONTACT_COPY) or {}
    lines = copy.get("crisis_lines") or NATIONAL_CRISIS_LINES
    if (language or translation.get_language() or "").startswith("es"):
        lines = copy.get("crisis_lines_es") or (
            lines if copy.get("crisis_lines") else NATIONAL_CRISIS_LINES_ES
        )
    return {
        "name": copy.get("name") or getattr(settings, "WAGTAIL_SITE_NAME", ""),
        "phone": copy.get("phone", ""),
        "crisis_lines": lines,
        "reply_working_days": copy.get("reply_working_days"),
        "closed_days": copy.get("closed_days", []),
    }


def crisis_lines_for_template(lines):
    """The shape templates/includes/crisis_lines.html reads as `cs` (each line's `value`)."""
    return {"crisis_lines_shown": [{"value": line} for line in lines]}


def retry_after():
    return str(int(getattr(settings, "DATABASE_DOWN_RETRY_AFTER", DEFAULT_RETRY_AFTER)))


def unavailable_response(request=None):
    """The 503 page. Rendered without a request, so no context processor (and no query) runs.
    Its crisis lines are in the address's language: the outage may have come before the
    middleware that activates it."""
    details = contact_details(language_of_path(request.path_info) if request else None)
    context = {
        "clinic": details,
        "cs": crisis_lines_for_template(details["crisis_lines"]),
        "in_admin": bool(request and request.path.startswith("/admin/")),
    }
    html = get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = retry_after()
    response["Cache-Control"] = "no-store"
    return response


def register_outage_handler(handler):
    """handler(request) -> a response, or None when the request is not its own. Asked for
    every request that met the database's unavailability, before the 503 page."""
    if handler not in _outage_handlers:
        _outage_handlers.append(handler)


def answer_during_outage(request):
    """An outage handler's answer, else the 503 page. Never raises."""
    warn_once_a_minute(request)
    response = None
    for handler in _outage_handlers:
        try:
            response = handler(request)
        except Exception:
            logger.exception("An outage handler failed; answering 503")
            break
        if response is not None:
            break
    if response is None:
        try:
            response = unavailable_response(request)
        except Exception:
            logger.exception("The 503 page failed; answering in plain text")
            response = plain_unavailable()
    # Django logs every 5xx with its traceback; warn_once_a_minute has said it already.
    response._has_been_logged = True
    return response


def plain_unavailable():
    response = HttpResponse(
        "The site is briefly unavailable. In an emergency call 911; for the 988 Suicide & "
        "Crisis Lifeline call or text 988.",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = retry_after()
    return response


def warn_once_a_minute(request):
    now = time.monotonic()
    if now - _last_warning["at"] >= WARN_EVERY_SECONDS:
        _last_warning["at"] = now
        logger.warning(
            "The database is unavailable: answering 503 (%s %s)", request.method, request.path
        )


class DatabaseDownMiddleware:
    """A view that met the database's unavailability answers 503 (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_unavailable(exception):
            return answer_during_outage(request)
        return None


def server_error(request, *args, **kwargs):
    """handler500: the 503 answer when the exception being handled is the database's
    unavailability (raised in a middleware); Django's 500 page otherwise."""
    if is_unavailable(sys.exc_info()[1]):
        return answer_during_outage(request)
    return defaults.server_error(request, *args, **kwargs)
