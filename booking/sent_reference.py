"""The request's reference on the thank-you page, kept in the visitor's session, never in a URL.

After a request is stored, its reference (NB-0042) goes into the session for a short while, so
the thank-you page can show it and a caller can quote it. It is only a reference: it says
nothing about what was sent. Once that while has passed the page no longer shows it (and the
key is removed, so an empty session and its cookie go too): on a shared computer, the next
visitor to open the thank-you page does not see someone else's reference.
"""

from django.utils import timezone

SESSION_KEY = "booking_reference"
SHOWN_FOR_SECONDS = 30 * 60


def remember(request, submission):
    session = getattr(request, "session", None)  # none outside the middleware (a test's rf)
    if session is not None:
        until = timezone.now().timestamp() + SHOWN_FOR_SECONDS
        session[SESSION_KEY] = {"reference": submission.reference, "until": until}


def recalled(request):
    """The reference of the request this visitor just sent, or None."""
    kept = getattr(request, "session", {}).get(SESSION_KEY)
    if not isinstance(kept, dict):
        return None
    if kept.get("until", 0) < timezone.now().timestamp():
        del request.session[SESSION_KEY]
        return None
    return kept.get("reference")
