"""The booking form: a fixed core in code around the questions editors write.

Every field is validated on the server with a maximum length, whatever the
browser sends; the core cannot be removed or renamed from the editor.
"""

from collections import OrderedDict
from functools import cached_property

from django import forms
from django.core.validators import RegexValidator
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from clinic.editorial.page_forms import PageTitleCheck
from clinic.practice.services import NOT_SURE, NOT_SURE_LABEL, service_pages

from . import self_check
from .consent import consent_text, current_consent_version
from .limited_text import LimitedCharField
from .panels import may_manage

# Default and highest maximum lengths for the answers to editors' questions.
SINGLELINE_MAX_LENGTH = 255
MULTILINE_MAX_LENGTH = 1000
HIGHEST_MAX_LENGTH = 2000
# A choice answer is one of the editor's choices; this bounds the raw value before that check.
NUMBER_MAX_DIGITS = 12

HONEYPOT_FIELD = "website"
# Free language help (the language assistance page, clinic/practice/language_assistance.py).
INTERPRETER_FIELD = "interpreter_language"
# The stored values stay English (the managers' queue and export read them); the labels translate.
CONTACT_METHODS = [
    ("Email", _("Email")),
    ("Phone", _("Phone")),
    ("Either", _("Either is fine")),
]
MULTI_INPUT_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
# NOT_SURE_LABEL as the visitor reads it; the request stores NOT_SURE_LABEL itself, in English.
NOT_SURE_SHOWN = _("Not sure yet")


phone_validator = RegexValidator(
    r"^\+?[0-9 ().\-]{7,30}$",
    _("Enter a phone number using digits, spaces and ( ) - + only, for example (555) 010-0140."),
)


def core_head_fields():
    """Contact details, asked first, and whether the visitor needs an interpreter."""
    return OrderedDict(
        [
            (
                "full_name",
                LimitedCharField(
                    label=_("Full name"),
                    max_length=120,
                    subject=_("Your full name"),
                    error_messages={"required": _("Enter your full name.")},
                    widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
                ),
            ),
            (
                "email",
                forms.EmailField(
                    label=_("Email address"),
                    max_length=254,
                    help_text=_("We will only use it to reply to this request."),
                    error_messages={
                        "required": _("Enter your email address."),
                        "invalid": _(
                            "Enter an email address in the right format, like name@example.com."
                        ),
                    },
                    widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
                ),
            ),
            (
                "phone",
                forms.CharField(
                    label=_("Phone number"),
                    max_length=30,
                    required=False,
                    validators=[phone_validator],
                    help_text=_("Optional, unless you would like us to call you."),
                    widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
                ),
            ),
            (
                "contact_method",
                forms.ChoiceField(
                    label=_("How would you like us to contact you?"),
                    choices=CONTACT_METHODS,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Choose how you would like us to contact you."),
                        "invalid_choice": _("Choose email, phone, or either."),
                    },
                ),
            ),
            (
                INTERPRETER_FIELD,
                LimitedCharField(
                    label=_("Do you need an interpreter? If so, which language?"),
                    max_length=60,
                    required=False,
                    subject=_("The language you need an interpreter for"),
                    help_text=_("An interpreter is free. Leave this blank if you do not need one."),
                    widget=forms.TextInput(attrs={"autocomplete": "off"}),
                ),
            ),
        ]
    )


class ServiceField(forms.ChoiceField):
    """Which treatment: one of the live service pages, read when the form is made, or not sure.

    Its clean value is the page (None for "not sure"), so the request records the page.
    `pages`: the service pages (anything with pk and title) when they must not be read from
    the database: the copy kept for outages (booking/form_copy.py).
    """

    def __init__(self, pages=None, **kwargs):
        pages = service_pages(get_language()) if pages is None else pages
        self.pages = {str(page.pk): page for page in pages}
        choices = [(pk, page.title) for pk, page in self.pages.items()]
        # Stored as NOT_SURE_LABEL in English (submission_data); shown in the visitor's language.
        super().__init__(choices=[*choices, (NOT_SURE, NOT_SURE_SHOWN)], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.pages.get(value)


def core_service_field(pages=None):
    return ServiceField(
        pages=pages,
        label=_("Which treatment are you interested in?"),
        widget=forms.RadioSelect,
        help_text=_("Choose the one you would like to ask about. You can change your mind later."),
        error_messages={
            "required": _("Choose the treatment you are interested in, or “Not sure yet”."),
            "invalid_choice": _("Choose one of the treatments listed, or “Not sure yet”."),
        },
    )


def core_tail_fields():
    """Consent, asked last, and the honeypot that people never see."""
    return OrderedDict(
        [
            (
                "consent",
                forms.BooleanField(
                    label=consent_text(),
                    error_messages={
                        "required": _(
                            "Tick the box to agree, so that we can store your request and "
                            "contact you."
                        )
                    },
                ),
            ),
            (
                HONEYPOT_FIELD,
                forms.CharField(
                    label=_("Leave this field blank"),
                    required=False,
                    max_length=200,
                    widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
                ),
            ),
        ]
    )


def answer_subject(label):
    """How a too-long message names an editor's question, in the visitor's language when the
    message is shown (LimitedCharField formats it then)."""
    return format_lazy(_("Your answer to “{label}”"), label=label)


SERVICE_FIELD = "service"
CORE_FIELD_NAMES = frozenset(core_head_fields()) | {SERVICE_FIELD} | frozenset(core_tail_fields())
# Not form fields, but keys of the stored data and the export: editors may not use them either.
RESERVED_NAMES = (
    CORE_FIELD_NAMES
    | {"submit_time", "consent_version", "consented_at"}
    | self_check.RESERVED_NAMES
)
# Fields whose values are never stored as they are (the carried result: booking/self_check.py).
NOT_STORED = frozenset({"consent", HONEYPOT_FIELD, *self_check.FORM_FIELDS})


class BookingBaseForm(BaseForm):
    """Adds the cross-field checks and error-summary links to whatever fields the builder made."""

    @property
    def consent_version(self):
        """The version of the consent this form shows: the one in the page's language."""
        return current_consent_version()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("contact_method") == "Phone" and not cleaned_data.get("phone"):
            self.add_error(
                "phone", _("Enter a phone number, or choose email as the way to reach you.")
            )
        return cleaned_data

    def is_multi_input(self, name):
        return isinstance(self.fields[name].widget, MULTI_INPUT_WIDGETS)

    def field_anchor(self, name):
        """The id an error summary link should point at: the field, or a group's first option."""
        bound = self[name]
        return f"{bound.auto_id}_0" if self.is_multi_input(name) else bound.auto_id

    def error_links(self):
        """(anchor id, message) for the error summary, in the order of the fields."""
        links = [
            (self.field_anchor(name), self.errors[name][0])
            for name in self.fields
            if name in self.errors
        ]
        links += [("", message) for message in self.non_field_errors()]
        return links

    def question_fields(self):
        """Every field the visitor sees, in order (Django wires aria-describedby for most);
        the carried self-check result has a fieldset of its own."""
        hidden = {HONEYPOT_FIELD, *self_check.FORM_FIELDS}
        return [self[name] for name in self.fields if name not in hidden]

    @cached_property
    def carried_self_check(self):
        """The self-check result the visitor brought (booking/self_check.py), or None."""
        return self_check.carried(self)

    def self_check_fields(self):
        """The carried token (hidden) and the box that sends it."""
        return [self[name] for name in self_check.FORM_FIELDS]

    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def submission_data(self):
        """What is stored: every answer except the consent tick and the honeypot; the
        treatment by its title (the request also keeps the page itself); a carried self-check
        result's four values only if its box is ticked (never the token or the tick)."""
        data = {name: value for name, value in self.cleaned_data.items() if name not in NOT_STORED}
        data[SERVICE_FIELD] = self.service_page.title if self.service_page else NOT_SURE_LABEL
        data.update(self_check.stored(self.cleaned_data))
        return data

    @property
    def service_page(self):
        return self.cleaned_data.get(SERVICE_FIELD)


class BookingFormBuilder(FormBuilder):
    """Prepends the contact core, appends the fields of a carried self-check result
    (booking/self_check.py), consent and the honeypot, and bounds every answer.

    `service_pages`: the treatments to offer, when they must not be read from the database.
    """

    def __init__(self, fields, service_pages=None):
        super().__init__(fields)
        self.service_pages = service_pages

    def get_field_options(self, field):
        options = super().get_field_options(field)
        # The error summary lists every message: say which question, not "This field is required".
        if field.field_type == "checkbox":
            required = gettext("Tick the box: %(label)s.") % {"label": field.label.rstrip(".")}
        elif field.field_type in ("checkboxes", "radio", "dropdown", "multiselect"):
            required = gettext("Choose an answer to “%(label)s”") % {"label": field.label}
        else:
            required = gettext("Answer the question “%(label)s”") % {"label": field.label}
        options["error_messages"] = {"required": required}
        return options

    def _max_length(self, field, default):
        return min(getattr(field, "max_length", None) or default, HIGHEST_MAX_LENGTH)

    def create_singleline_field(self, field, options):
        options["max_length"] = self._max_length(field, SINGLELINE_MAX_LENGTH)
        return LimitedCharField(subject=answer_subject(field.label), **options)

    def create_multiline_field(self, field, options):
        limit = options["max_length"] = self._max_length(field, MULTILINE_MAX_LENGTH)
        options.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        # Stated in the hint, so the limit is known without JavaScript (no counter then).
        options["help_text"] = self._hint_with_limit(options.get("help_text"), limit)
        return LimitedCharField(subject=answer_subject(field.label), **options)

    @staticmethod
    def _hint_with_limit(hint, limit):
        """The editor's hint (already escaped by Wagtail's builder), stating the limit unless
        it does already."""
        if hint and (f"{limit:,}" in hint or str(limit) in hint):
            return hint
        limit_text = gettext("Up to %(limit)s characters.") % {"limit": f"{limit:,}"}
        return format_html("{} {}", hint, limit_text) if hint else limit_text

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLELINE_MAX_LENGTH
        options.setdefault("widget", forms.HiddenInput)
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return forms.EmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = HIGHEST_MAX_LENGTH
        return super().create_url_field(field, options)

    def create_number_field(self, field, options):
        options["max_digits"] = NUMBER_MAX_DIGITS
        options["decimal_places"] = 2
        return forms.DecimalField(**options)

    def create_dropdown_field(self, field, options):
        # A blank first option: nothing is chosen for the visitor, and "required" means something.
        options["choices"] = [("", _("Choose an answer"))] + self.get_formatted_field_choices(field)
        return forms.ChoiceField(**options)

    def create_date_field(self, field, options):
        options.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        return super().create_date_field(field, options)

    @property
    def formfields(self):
        editor_fields = OrderedDict(
            (name, field)
            for name, field in super().formfields.items()
            if name not in RESERVED_NAMES  # the page form refuses these; never let one through
        )
        fields = core_head_fields()
        fields[SERVICE_FIELD] = core_service_field(self.service_pages)
        fields.update(editor_fields)
        fields.update(self_check.form_fields())
        fields.update(core_tail_fields())
        return fields

    def get_form_class(self):
        return type("BookingForm", (BookingBaseForm,), self.formfields)


class BookingFormPageForm(PageTitleCheck, WagtailAdminFormPageForm):
    """The editor's page form: a question may not take the name of a core field (and the SEO
    title's check of every page, clinic.editorial.page_forms.PageTitleCheck). Only those who work
    the requests change the questions (booking/panels.py): for anyone else the questions' formset
    is not part of the form, so whatever a POST says about them is ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and not may_manage(self.for_user):
            self.formsets.pop("form_fields", None)

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is None:
            return cleaned_data
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            clean_name = form.instance.clean_name or form.instance.get_field_clean_name()
            if clean_name in RESERVED_NAMES:
                form.add_error(
                    "label",
                    forms.ValidationError(
                        "'%(label)s' is already asked by the fixed part of the form (contact "
                        "details, consent, a self-check result), which you cannot change "
                        "here. Choose a different label.",
                        params={"label": form.cleaned_data.get("label") or clean_name},
                    ),
                )
        return cleaned_data
