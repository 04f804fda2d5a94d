"""A text answer with a maximum length, refused in the booking form's own words (the core
fields of booking/forms.py and every editor's text question use it)."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext, gettext_lazy

YOUR_ANSWER = gettext_lazy("Your answer")


def too_long_message(subject, length, limit):
    """The form's own words for too long a text, with the numbers a visitor can act on."""
    return gettext(
        "%(subject)s is %(length)s characters long; please shorten it to %(limit)s or fewer."
    ) % {"subject": subject, "length": f"{length:,}", "limit": f"{limit:,}"}


class LimitedCharField(forms.CharField):
    """A text answer with a maximum length, refused in the form's own words.

    `subject` names the answer in the message ("Your message", "Your full name"). A textarea
    gets no maxlength attribute (a browser would cut a pasted text short without a word) but
    data-maxlength, from which clinic/js/character-count.js shows how many characters remain;
    line breaks count as one character, as the counter counts them.
    """

    def __init__(self, *, subject=YOUR_ANSWER, **kwargs):
        super().__init__(**kwargs)
        self.subject = subject
        # Django's own validator says "Ensure this value has at most N characters (it has M)".
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def is_textarea(self, widget):
        return isinstance(widget, forms.Textarea)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and self.is_textarea(widget):
            attrs.pop("maxlength", None)
            attrs["data-maxlength"] = str(self.max_length)
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if self.is_textarea(self.widget) else value

    def validate(self, value):
        super().validate(value)
        if self.max_length is not None and len(value) > self.max_length:
            raise forms.ValidationError(
                too_long_message(self.subject, len(value), self.max_length), code="max_length"
            )
