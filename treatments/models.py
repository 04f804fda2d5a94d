"""Treatment pages: what a therapy is, who it may help, what to expect, reviewed by a clinician."""

from django import forms
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from clinic.blocks import (
    HEALTH_SECTIONS,
    BodyBlock,
    body_images,
    body_linked_pages,
    table_of_contents,
)
from clinic.editorial.disclaimer import MedicalDisclaimer
from clinic.editorial.page_forms import ClinicPageForm, HealthPageForm
from clinic.editorial.references import citation_schema
from clinic.editorial.review_dates import ReviewDatesMixin
from clinic.practice.details import booking_url
from clinic.serving.shared_data import (
    SharedRestrictionsMixin,
    is_public,
    live_public_specific,
    public,
    restricted_paths,
    shared_for_live_page,
)

# Shown to visitors ("How it is given"): in the page's language.
DELIVERY_METHODS = [
    ("iv-infusion", _("Infusion into a vein (IV)")),
    ("nasal-spray", _("Nasal spray")),
    ("intramuscular", _("Injection into a muscle")),
    ("oral-lozenge", _("Lozenge that dissolves in the mouth")),
    ("talking-therapy", _("Talking therapy sessions")),
]
DELIVERY_LABELS = dict(DELIVERY_METHODS)

# A table of contents appears once a page has this many section headings.
TOC_MIN_HEADINGS = 3
# Ids the treatment page template gives its own sections; body headings never take them.
PAGE_ANCHORS = (
    *("main", "site-nav", "site-nav-list", "header-search"),
    *("footer-contact", "footer-hours", "footer-urgent"),
    *("at-a-glance", "toc-heading", "related-treatments", "booking-heading"),
    "disclaimer-heading",
)

USES = [
    ("approved", "An approved use of this medicine"),
    ("off-label", "An off-label use (not an approved indication)"),
]
# Every part a treatment page must have before a reviewer sees it (see clinic.blocks).
REQUIRED_SECTIONS = (*(key for key, _ in HEALTH_SECTIONS), "faq")
DEFAULT_BOOKING_PROMPT = "Would you like to talk about whether this treatment could help you?"


class TreatmentIndexPage(SharedRestrictionsMixin, Page):
    """Lists the treatments as cards, in the order the editor sets in the page tree."""

    intro = models.TextField(max_length=400, blank=True, help_text="One or two sentences.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["treatments.TreatmentPage"]
    max_count = 1
    base_form_class = ClinicPageForm

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = (
            public(TreatmentPage.objects.child_of(self).live())
            .defer_streamfields()
            .select_related("hero_image")
            .order_by("path")
        )
        return context


class TreatmentPageForm(HealthPageForm):
    delivery_methods = forms.MultipleChoiceField(
        choices=DELIVERY_METHODS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="How the medicine or therapy is given.",
    )


class TreatmentPage(SharedRestrictionsMixin, ReviewDatesMixin, Page):
    # Joined in when the page is served (clinic/serving/routing.py): its picture and reviewer.
    serve_select_related = ("hero_image", "reviewer")

    summary = models.TextField(
        max_length=300,
        help_text="Up to 300 characters. Shown on cards and to search engines.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivery_methods = models.JSONField(default=list, blank=True)
    session_length = models.CharField(
        max_length=120, blank=True, help_text="e.g. About 40 to 60 minutes, plus recovery time"
    )
    typical_course = models.CharField(
        max_length=200, blank=True, help_text="e.g. Six sessions over two to three weeks"
    )
    body = StreamField(BodyBlock(), blank=True)
    booking_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave blank to use the clinic's booking page.",
    )
    booking_prompt = models.CharField(
        max_length=160,
        default=DEFAULT_BOOKING_PROMPT,
        help_text="The question above the closing booking button, in your own words.",
    )
    booking_text = models.CharField(max_length=60, default="Book a consultation")
    use = models.CharField(
        "approval status of this use",
        max_length=20,
        choices=USES,
        help_text="Off-label pages show the clinic's off-label statement near the top.",
    )

    base_form_class = TreatmentPageForm
    required_sections = REQUIRED_SECTIONS
    # What a sign-off covers (clinic/editorial/reviewed_content.py); the booking call to action is
    # not.
    reviewed_fields = (
        *("title", "summary", "hero_image", "use", "delivery_methods"),
        *("session_length", "typical_course", "body"),
    )
    unreviewed_fields = ("booking_page", "booking_prompt", "booking_text")
    bookable_service = True  # listed on the booking form (clinic.practice.services)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("use"),
        MultiFieldPanel(
            [
                FieldPanel("delivery_methods"),
                FieldRowPanel([FieldPanel("session_length"), FieldPanel("typical_course")]),
            ],
            heading="At a glance",
        ),
        FieldPanel("body"),
        InlinePanel("related_treatments", label="Related treatment", max_num=4),
        MultiFieldPanel(
            [
                FieldPanel("booking_prompt"),
                PageChooserPanel("booking_page"),
                FieldPanel("booking_text"),
            ],
            heading="Booking call to action",
        ),
        *ReviewDatesMixin.review_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "treatment page"

    @property
    def delivery_method_labels(self):
        return [DELIVERY_LABELS.get(method, method) for method in self.delivery_methods or []]

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_structured_data(self, request=None):
        """schema.org MedicalWebPage with its review, plus an FAQPage when the body has an FAQ."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
        }
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.reviewer:
            # With @id and url: the reviewer's profile page (clinic/editorial/people.py,
            # Person.schema).
            data["reviewedBy"] = self.reviewer.schema(request)
        objects = [data]
        questions = [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(str(item["answer"]))},
            }
            for block in self.body
            if block.block_type == "faq"
            for item in block.value["items"]
        ]
        if questions:
            objects.append(
                {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}
            )
        data.update(citation_schema(self.body))  # "citation": the sources it lists
        return objects

    def booking_url(self, request=None):
        """The chosen booking page, else the clinic's booking page from the settings."""
        return booking_url(self.booking_page if self.booking_page_id else None, request)

    def linked_pages(self):
        """({pk: page} the body links to, [related treatments]): live and public ones only."""
        related = self.related_treatments.select_related("treatment__hero_image")
        related = related.defer("treatment__body")
        restricted = restricted_paths()
        return live_public_specific(body_linked_pages(self.body)), [
            item.treatment
            for item in related
            if item.treatment.live and is_public(item.treatment, restricted)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        toc = table_of_contents(self.body, reserved=PAGE_ANCHORS)
        context["table_of_contents"] = toc if len(toc) >= TOC_MIN_HEADINGS else []
        # The body's headings take ids in order, skipping those the page template uses.
        context["used_anchors"] = set(PAGE_ANCHORS)

        # The live, public pages the body and the related treatments link to, with the pictures
        # of their cards (whose renditions come with the cards: clinic/templatetags/card_tags.py);
        # the renditions of the page's own pictures in one query.
        linked = shared_for_live_page(request, self, "treatment-links", self.linked_pages)
        context["specific_pages"], context["related_pages"] = linked
        pictures = [*body_images(self.body), self.hero_image]
        prefetch_related_objects([image for image in pictures if image], "renditions")
        # The booking form preselects this treatment; the slug is all the link carries.
        booking_url = self.booking_url(request)
        context["booking_url"] = f"{booking_url}?service={self.slug}" if booking_url else ""
        context["disclaimer"] = MedicalDisclaimer.current()
        return context


class TreatmentRelatedTreatment(Orderable):
    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="related_treatments")
    treatment = models.ForeignKey(TreatmentPage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("treatment", page_type="treatments.TreatmentPage")]
