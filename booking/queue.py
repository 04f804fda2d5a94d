"""The managers' queue, as plain rules: statuses, references, search tokens, due times in words.

Nothing here touches the database, so the inbox, the request page, the exports and the
overdue command all say the same thing.
"""

import re
import unicodedata

from django.db import models
from django.utils.crypto import salted_hmac

REFERENCE_PREFIX = "NB"
NOTE_MAX_LENGTH = 5000


class Status(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    BOOKED = "booked", "Consultation booked"
    NOT_SUITABLE = "not_suitable", "Not suitable"
    NO_REPLY = "no_reply", "No reply"
    CLOSED = "closed", "Closed"


# Still work to do: the inbox shows these by default. The others are finished.
OPEN_STATUSES = (Status.NEW, Status.CONTACTED, Status.NO_REPLY)


def reference(pk):
    """The reference staff say on the phone and write in notes: NB-0007."""
    return f"{REFERENCE_PREFIX}-{pk:04d}"


# A request held while the database was down has a reference made without it (NB-HK7Q4MX2,
# booking/held_requests.py), kept with the request once stored.
HELD_REFERENCE_PREFIX = f"{REFERENCE_PREFIX}-H"
HELD_REFERENCE_PATTERN = re.compile(rf"^\s*{REFERENCE_PREFIX}\s*-?\s*(H[A-Z0-9]{{7}})\s*$", re.I)


def parse_held_reference(text):
    """'NB-HK7Q4MX2' (any case, with or without the dash) as stored; None otherwise."""
    match = HELD_REFERENCE_PATTERN.match(text or "")
    return f"{REFERENCE_PREFIX}-{match.group(1).upper()}" if match else None


REFERENCE_PATTERN = re.compile(rf"^\s*(?:{REFERENCE_PREFIX}\s*-?\s*)?0*(\d{{1,9}})\s*$", re.I)


def parse_reference(text):
    """The primary key in 'NB-0007', 'nb7' or '7'; None when the text is not a reference."""
    match = REFERENCE_PATTERN.match(text or "")
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


# Search tokens --------------------------------------------------------------------------------
#
# Managers find a request by name, email or phone number. The answers are health information
# and are encrypted at rest, so the database cannot search them. Each request keeps instead a
# "blind index": keyed hashes of its name's words, its email and its phone digits. A search
# hashes its words the same way and matches whole words only ("Okafor" finds Okafor, "Oka"
# does not), and nothing readable is stored or sent in a URL.

MIN_PHONE_DIGITS = 7


def _plain(text):
    """Lower case, accents removed: 'Zoë' and 'zoe' are the same word."""
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _token(kind, word):
    return salted_hmac("booking.search-token", f"{kind}:{word}", algorithm="sha256").hexdigest()[
        :20
    ]


def _search_words(text):
    """The (kind, word) pairs a piece of text stands for."""
    text = _plain(text).strip()
    if "@" in text:
        return [("email", text)]
    digits = re.sub(r"\D", "", text)
    if len(digits) >= MIN_PHONE_DIGITS and not re.search(r"[^\d\s()+.\-]", text):
        return [("phone", digits[-10:])]
    return [("word", word) for word in re.findall(r"\w+", text)]


def search_tokens(name, email, phone):
    """The space-separated tokens stored with a request (with a space at each end)."""
    words = set()
    for value in (name, email, phone):
        if value:
            words.update(_search_words(value))
    return " " + " ".join(sorted(_token(kind, word) for kind, word in words)) + " "


def query_tokens(query):
    """The tokens a search must all find, in the form stored: ' token '."""
    return [f" {_token(kind, word)} " for kind, word in _search_words(query)]


# Due times in words ----------------------------------------------------------------------------


def _span(delta):
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    if minutes < 24 * 60:
        return f"{minutes // 60} h"
    days = minutes // (24 * 60)
    return "1 day" if days == 1 else f"{days} days"


def due_in_words(due, now):
    """'overdue by 5 h' or 'due in 1 day'."""
    if due <= now:
        return f"overdue by {_span(now - due)}"
    return f"due in {_span(due - now)}"


def is_overdue(status, due, now):
    """Late: nobody has replied yet and the promised time has passed."""
    return status == Status.NEW and due is not None and due < now


# What a row shows ------------------------------------------------------------------------------


def display_name(user):
    """A staff member as colleagues know them; '' for nobody."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def service_title(submission):
    """The treatment asked about: the page's title, or the title stored with the answers when
    the page has gone since."""
    if submission.service_page_id and submission.service_page:
        return submission.service_page.title
    return submission.form_data.get("service") or "Not sure yet"
