"""A self-check result the visitor carries to the booking form (issue 27): sent only if ticked.

The self-check's result page (selfcheck/) posts a signed token of the result to the booking
page, with handoff.CARRY_FIELD. That POST is not a request: the page answers with the blank
form (nothing stored, not counted by the rate limit, no errors), carrying the token in a
hidden field and, when the token is good, stating the result above a box of its own, unticked
and optional. The box to store the request (consent) is another matter and stays as it is.

When the form is sent, the four values of CarriedResult.stored() join the request only if the
box is ticked and the token is still good; never the token, never the tick. A forged, expired,
garbled or repeated token is dropped without a word: it is not something the visitor typed and
could correct, and their request goes through without it. The same rule holds for a request
held while the database is down: that form is built by the same builder (booking/form_copy.py).

This is the only module of booking that reads the self-check, and it reads selfcheck.handoff
only (tests/test_layout.py).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from selfcheck import handoff

RESULT_FIELD = handoff.RESULT_FIELD
SEND_FIELD = "send_self_check"
FORM_FIELDS = (RESULT_FIELD, SEND_FIELD)
STORED_KEYS = frozenset(handoff.STORED_FIELDS)
# An editor's question may take none of these names: it would be mistaken for the result.
RESERVED_NAMES = frozenset({*FORM_FIELDS, handoff.CARRY_FIELD, *STORED_KEYS})
# Columns of the export (and keys of the request page), empty for a request sent without one.
COLUMNS = list(handoff.STORED_FIELDS.items())
SEND_LABEL = _("Send this result with my request")
SEND_HINT = _(
    "We send it only if you tick this box. Then our booking team sees it with your request. "
    "If you leave the box empty, your result is not sent and not kept."
)


class OneValueHiddenInput(forms.HiddenInput):
    """A token posted twice counts as none: which of the two is meant cannot be told."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return values[0] if len(values) == 1 else None


class CarriedResultField(forms.CharField):
    """The token; cleaned, the CarriedResult it holds, or None. Never an error (see above)."""

    widget = OneValueHiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        return handoff.carried(value)


def form_fields():
    """The booking form's two fields for a carried result (BookingFormBuilder adds them)."""
    return {
        RESULT_FIELD: CarriedResultField(),
        SEND_FIELD: forms.BooleanField(required=False, label=SEND_LABEL, help_text=SEND_HINT),
    }


def carried(form):
    """The good result a booking form carries (from the POST, or the carry's initial), else
    None: the form then shows nothing of it."""
    return handoff.carried(form[RESULT_FIELD].value())


def stored(cleaned_data):
    """What a valid form adds to the stored request: the four values, only if ticked."""
    result = cleaned_data.get(RESULT_FIELD)
    if result is None or not cleaned_data.get(SEND_FIELD):
        return {}
    return result.stored()


# The carry: a POST from the self-check's result page ----------------------------------------


def is_carry(request):
    return request.method == "POST" and handoff.CARRY_FIELD in request.POST


def carried_initial(request, trusted=True):
    """The blank form's initial values: the token (the form shows it only if it is good).

    Untrusted (the carry failed its CSRF check): no token. Any site can make a visitor's
    browser post a carry, and a failed check is exactly that case; a result the visitor did
    not take must never appear on their form, even unticked."""
    if not trusted:
        return {}
    return {RESULT_FIELD: OneValueHiddenInput().value_from_datadict(request.POST, {}, RESULT_FIELD)}


def answer_carry(page, request, trusted=True):
    """The booking page's answer to a carry, also when its CSRF check failed (`trusted`
    False): nothing is taken, so there is nothing to refuse, and the visitor gets the blank
    form they asked for (with a fresh CSRF token) rather than a form full of errors."""
    form = page.get_form(page=page, user=request.user, initial=carried_initial(request, trusted))
    return page.render_form(request, form)


# The managers' side -------------------------------------------------------------------------


def sent(form_data):
    """A stored request's result for the request page: the sentence the visitor saw and each
    value by its column's name; None when the visitor sent none."""
    if not STORED_KEYS & set(form_data):
        return None
    result = handoff.from_stored(form_data)
    return {
        "statement": str(result) if result else "",
        "values": [(label, form_data.get(key)) for key, label in COLUMNS],
    }
