"""A self-check result a visitor chooses to carry to the booking form.

Only four facts travel: the instrument, the total, the band and the date it was taken. They
travel signed, in a hidden field of a POST (never a URL, never the session), so the booking
form can trust them, and they are stored with a request only if the visitor ticks the box that
says so on the booking form. The booking app reads this module and nothing else of the
self-check.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.utils import dateformat, timezone
from django.utils.translation import gettext

from .instruments import INSTRUMENTS

SALT = "selfcheck.handoff"
# A result is carried to a booking form opened now, not kept for later.
MAX_AGE_SECONDS = 24 * 60 * 60
# The booking form's field that holds the carried result, and the button that carries it.
RESULT_FIELD = "self_check"
CARRY_FIELD = "carry_self_check"
# The keys stored with a booking request, and the export's column names.
STORED_FIELDS = {
    "self_check_instrument": "Self-check",
    "self_check_total": "Self-check total",
    "self_check_band": "Self-check band",
    "self_check_date": "Self-check taken on",
}


@dataclass(frozen=True)
class CarriedResult:
    instrument: str  # "PHQ-9"
    total: int
    highest_total: int
    band: str  # "Moderate"
    date: datetime.date

    def stored(self):
        """What joins the booking request: exactly these four values."""
        return {
            "self_check_instrument": self.instrument,
            "self_check_total": self.total,
            "self_check_band": self.band,
            "self_check_date": self.date.isoformat(),
        }

    def __str__(self):
        # The visitor reads it on the booking form, in their language (the band's name is the
        # instrument's own wording, untranslated for now).
        return gettext(
            "%(instrument)s: %(total)s out of %(highest)s, %(band)s, taken on %(date)s"
        ) % {
            "instrument": self.instrument,
            "total": self.total,
            "highest": self.highest_total,
            "band": self.band.lower(),
            "date": dateformat.format(self.date, gettext("j F Y")),
        }


def token_for(result):
    """The signed token of a self-check result (selfcheck.instruments.Result)."""
    payload = [result.instrument.key, result.total, timezone.localdate().isoformat()]
    return signing.dumps(payload, salt=SALT, compress=False)


def carried(token):
    """The CarriedResult in a token, or None for a missing, forged, old or garbled one."""
    if not token or len(token) > 200:
        return None
    try:
        key, total, taken = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
        instrument = INSTRUMENTS[key]
        band = instrument.band_for(int(total))
        date = datetime.date.fromisoformat(taken)
    except (signing.BadSignature, ValueError, TypeError, KeyError, StopIteration):
        return None
    return CarriedResult(instrument.name, int(total), instrument.highest_total, band.label, date)


def from_stored(data):
    """The CarriedResult a booking request holds (the four STORED_FIELDS values), to state it
    as the visitor saw it ("14 out of 27"); None when the request holds none, or values this
    module cannot read back (an instrument renamed since)."""
    by_name = {instrument.name: instrument for instrument in INSTRUMENTS.values()}
    try:
        instrument = by_name[data["self_check_instrument"]]
        total = int(data["self_check_total"])
        band = str(data["self_check_band"])
        date = datetime.date.fromisoformat(data["self_check_date"])
    except (KeyError, ValueError, TypeError):
        return None
    return CarriedResult(instrument.name, total, instrument.highest_total, band, date)
