"""The mood self-check: the PHQ-9 and the GAD-7, scored on the server and kept nowhere.

A visitor answers one instrument; the answers go in a POST and come back as a result page
(never stored, logged or cached: `Cache-Control: no-store`). Anyone whose answers call for it
sees how to get help now, above the score. The words around the instruments (the
introduction, what each band means and what to do next) are health information: a Clinical
reviewer signs them off, as for a treatment page.
"""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from clinic.editorial.page_forms import HealthPageForm
from clinic.editorial.review_dates import ReviewDatesMixin
from clinic.practice.details import booking_url
from clinic.serving.shared_data import SharedRestrictionsMixin

from . import handoff
from .forms import SelfCheckForm
from .instruments import ATTRIBUTION, GAD7, INSTRUMENTS, PHQ9

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
RESULT_TEMPLATE = "selfcheck/self_check_result.html"
FORM_TEMPLATE = "selfcheck/self_check_form.html"


def band_field_name(instrument, band):
    """The page field with the reviewed words for one band: phq9_moderately_severe."""
    return f"{instrument.key.replace('-', '')}_{band.key}"


BAND_FIELDS = [
    (instrument, band, band_field_name(instrument, band))
    for instrument in INSTRUMENTS.values()
    for band in instrument.bands
]


def band_text_field(instrument, band_key):
    band = next(band for band in instrument.bands if band.key == band_key)
    return RichTextField(
        f"{instrument.name}: {band.label.lower()} ({band.low} to {band.high})",
        features=TEXT_FEATURES,
        help_text="What a score in this range may mean, and what to do next. Never say "
        "whether a treatment would suit them.",
    )


class Private(str):
    """A string that tells a result (its band's words, the token that carries its total) and
    whose repr does not: Django logs the repr of a template's whole context when a lookup in
    it fails (django.template, DEBUG)."""

    def __repr__(self):
        return "'(private)'"


def no_store(response):
    """Answers and results are private: no browser, proxy or page cache keeps them."""
    response["Cache-Control"] = "no-store, private"
    return response


class SelfCheckPage(SharedRestrictionsMixin, ReviewDatesMixin, RoutablePageMixin, Page):
    serve_select_related = ("reviewer",)

    intro = RichTextField(
        features=TEXT_FEATURES,
        help_text="Who the check is for, what it can and cannot tell them, and that nothing "
        "they answer is kept.",
    )
    # What each band means and what to do next: one field per band of each instrument.
    phq9_minimal = band_text_field(PHQ9, "minimal")
    phq9_mild = band_text_field(PHQ9, "mild")
    phq9_moderate = band_text_field(PHQ9, "moderate")
    phq9_moderately_severe = band_text_field(PHQ9, "moderately_severe")
    phq9_severe = band_text_field(PHQ9, "severe")
    gad7_minimal = band_text_field(GAD7, "minimal")
    gad7_mild = band_text_field(GAD7, "mild")
    gad7_moderate = band_text_field(GAD7, "moderate")
    gad7_severe = band_text_field(GAD7, "severe")
    next_steps = RichTextField(
        "with every result",
        features=TEXT_FEATURES,
        help_text="Shown under every result: who to talk to, and how to book a consultation.",
    )
    booking_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave blank to use the clinic's booking page.",
    )

    base_form_class = HealthPageForm
    reviewed_fields = ("title", "intro", *(name for _, _, name in BAND_FIELDS), "next_steps")
    unreviewed_fields = ("booking_page",)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *(
            MultiFieldPanel(
                [FieldPanel(name) for owner, _, name in BAND_FIELDS if owner is instrument],
                heading=f"{instrument.name} results ({instrument.about})",
                help_text="The questions and the scoring are the published "
                f"{instrument.name}; they cannot be edited.",
            )
            for instrument in INSTRUMENTS.values()
        ),
        FieldPanel("next_steps"),
        PageChooserPanel("booking_page", page_type="booking.BookingFormPage"),
        *ReviewDatesMixin.review_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1  # one per home page: one per site and language
    # The first mode is the default, and what the reading score reads: every reviewed word.
    preview_modes = [
        ("results", "Start page and every result"),
        *((key, f"{instrument.name} questions") for key, instrument in INSTRUMENTS.items()),
    ]

    class Meta:
        verbose_name = "self-check page"

    def get_meta_description(self):
        return self.search_description or strip_tags(self.intro)[:300]

    def get_structured_data(self, request=None):
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": self.title,
            "description": self.get_meta_description(),
            "url": self.get_full_url(request),
            "about": [
                {"@type": "MedicalCondition", "name": "Depression"},
                {"@type": "MedicalCondition", "name": "Anxiety"},
            ],
            "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        }
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.reviewer:
            data["reviewedBy"] = self.reviewer.schema(request)
        return [data]

    def band_text(self, instrument, band):
        return getattr(self, band_field_name(instrument, band))

    def booking_url(self, request=None):
        return booking_url(self.booking_page if self.booking_page_id else None, request)

    def instrument_url(self, instrument, request=None):
        return self.get_url(request) + self.reverse_subpage("instrument", args=[instrument.key])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["instruments"] = [
            (instrument, self.instrument_url(instrument, request))
            for instrument in INSTRUMENTS.values()
        ]
        context["attribution"] = ATTRIBUTION
        return context

    # The visitor's side -------------------------------------------------------------------

    @path("")
    def start(self, request, *args, **kwargs):
        return TemplateResponse(request, self.get_template(request), self.get_context(request))

    @path("<slug:key>/", name="instrument")
    @method_decorator(sensitive_post_parameters())
    def instrument(self, request, key, *args, **kwargs):
        instrument = INSTRUMENTS.get(key)
        if instrument is None:
            raise Http404
        if request.method != "POST":
            return self.render_form(request, SelfCheckForm(instrument))
        return self.score(request, SelfCheckForm(instrument, request.POST, files=request.FILES))

    @sensitive_variables()
    def score(self, request, form):
        if not form.is_valid():
            return self.render_form(request, form)
        return self.render_result(request, form.result())

    def render_form(self, request, form, notice="", status=200):
        context = self.get_context(request)
        context.update(form=form, instrument=form.instrument, notice=notice)
        return no_store(TemplateResponse(request, FORM_TEMPLATE, context, status=status))

    @sensitive_variables()
    def render_result(self, request, result):
        context = self.get_context(request)
        context.update(
            result=result,
            instrument=result.instrument,
            band_text=Private(self.band_text(result.instrument, result.band)),
            booking_url=self.booking_url(request),
            carry_token=Private(handoff.token_for(result)),
            result_field=handoff.RESULT_FIELD,
            carry_field=handoff.CARRY_FIELD,
        )
        return no_store(TemplateResponse(request, RESULT_TEMPLATE, context))

    @sensitive_variables()
    def serve_csrf_failure(self, request, view=None, view_args=(), view_kwargs=None):
        """A POST whose security cookie had expired (clinic/serving/csrf_failure.py): the form
        again, the answers kept, help first if they call for it; nothing scored."""
        instrument = INSTRUMENTS.get((view_kwargs or {}).get("key"))
        if instrument is None:
            return None
        form = SelfCheckForm(instrument, request.POST, files=request.FILES)
        notice = gettext(
            "For your security, the form had expired. Your answers are still here: press "
            "“See my result” again."
        )
        return self.render_form(request, form, notice=notice, status=403)

    def serve_preview(self, request, mode_name):
        mode_name = mode_name or self.default_preview_mode  # None: the reading score's render
        if mode_name in INSTRUMENTS:
            return self.render_form(request, SelfCheckForm(INSTRUMENTS[mode_name]))
        context = self.get_context(request)
        if mode_name == "results":
            context["every_result"] = [
                (instrument, band, self.band_text(instrument, band))
                for instrument, band, _ in BAND_FIELDS
            ]
        return TemplateResponse(request, self.get_template(request), context)
