"""The self-check's form: one question per item, each a group of four radio buttons.

Whatever a browser sends, the form answers with itself and a message, never an error page:
an unanswered item, a value that is not one of the four answers, an item answered twice or
fields the form does not ask for. Nothing here is logged or kept.
"""

from django import forms
from django.utils.translation import gettext, gettext_noop

from .instruments import ANSWERS, Result, help_first

# Fields a real browser sends besides the answers.
EXPECTED_EXTRA_FIELDS = frozenset({"csrfmiddlewaretoken"})
# Marked here, translated when raised (gettext_noop keeps the English text for comparisons).
UNEXPECTED_FIELDS = gettext_noop(
    "The form received something it does not ask for, so nothing was scored. Check your "
    "answers and press “See my result” again."
)


class SelfCheckForm(forms.Form):
    def __init__(self, instrument, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.instrument = instrument
        choices = [(str(score), label) for score, label in ANSWERS]
        for number, text in enumerate(instrument.items, 1):
            self.fields[instrument.item_name(number)] = forms.TypedChoiceField(
                label=text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext("Answer question %(number)s: %(text)s")
                    % {"number": number, "text": text},
                    "invalid_choice": gettext(
                        "Choose one of the four answers to question %(number)s."
                    )
                    % {"number": number},
                },
            )
        self.number_of = {name: n for n, name in enumerate(instrument.item_names, 1)}

    def clean(self):
        cleaned_data = super().clean()
        for name in self.fields:
            if len(self.data.getlist(name)) > 1:
                number = self.number_of[name]
                self.add_error(
                    name,
                    gettext("Choose only one answer to question %(number)s.") % {"number": number},
                )
        # A file sent with the answers is something the form does not ask for, too.
        sent = set(self.data) | set(self.files)
        unexpected = sent - set(self.fields) - EXPECTED_EXTRA_FIELDS
        if unexpected:
            raise forms.ValidationError(gettext(UNEXPECTED_FIELDS), code="unexpected")
        return cleaned_data

    def questions(self):
        """(number, bound field) in order."""
        return [(self.number_of[name], self[name]) for name in self.fields]

    def error_links(self):
        """(anchor id, message) for the error summary: each item's first answer."""
        links = [
            (f"{self[name].auto_id}_0", self.errors[name][0])
            for name in self.fields
            if name in self.errors
        ]
        return links + [("", message) for message in self.non_field_errors()]

    def answered_so_far(self):
        """{item number: score} of the valid answers given, also when others are missing."""
        answers = {}
        for name, number in self.number_of.items():
            value = self.data.get(name)
            if value in {str(score) for score, _ in ANSWERS}:
                answers[number] = int(value)
        return answers

    def help_first(self):
        """Help before anything else, also when the form comes back with errors."""
        return help_first(self.instrument, self.answered_so_far())

    def result(self):
        return Result(
            self.instrument,
            {self.number_of[name]: self.cleaned_data[name] for name in self.fields},
        )
