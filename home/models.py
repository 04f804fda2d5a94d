"""The home page and the plain pages (about, privacy, contact, crisis help)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from blog.models import ArticlePage
from clinic.blocks import RICH_TEXT_FEATURES, BodyBlock
from clinic.editorial.page_forms import ClinicPageForm
from clinic.practice.details import ClinicSettings
from clinic.practice.language_assistance import LanguageTagline
from clinic.serving.routing import ChainRouteMixin
from clinic.serving.shared_data import SharedRestrictionsMixin
from treatments.models import TreatmentPage


class HomePage(SharedRestrictionsMixin, ChainRouteMixin, Page):
    """The clinic's front door: tagline, a booking call to action, treatments, articles."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        InlinePanel("featured_treatments", label="Featured treatment", max_num=6),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    base_form_class = ClinicPageForm

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_structured_data(self, request):
        clinic = ClinicSettings.for_request(request)
        return [clinic.as_medical_clinic(self.get_full_url(request))]

    def live_featured_treatments(self):
        """The chosen live treatments in the editor's order, pictures included (the cards'
        renditions come with the cards: clinic/templatetags/card_tags.py)."""
        order = [featured.page_id for featured in self.featured_treatments.all()]
        pages = (
            TreatmentPage.objects.live()
            .filter(pk__in=order)
            .select_related("hero_image")
            .defer_streamfields()
            .in_bulk()
        )
        return [pages[pk] for pk in order if pk in pages]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_treatments"] = self.live_featured_treatments()
        context["latest_articles"] = ArticlePage.objects.descendant_of(self).for_listing()[:3]
        return context


class HomeFeaturedTreatment(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_treatments")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", page_type="treatments.TreatmentPage")]


class StandardPage(SharedRestrictionsMixin, Page):
    """About, privacy, contact: an introduction and a body from the block library."""

    intro = models.TextField(max_length=300, blank=True, help_text="One or two sentences.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    base_form_class = ClinicPageForm

    def get_context(self, request, *args, **kwargs):
        """The page the clinic settings name as the language assistance page shows every
        language tagline below its text: administrators keep them in one place (Snippets), and
        no editor can leave one out by editing the page."""
        context = super().get_context(request, *args, **kwargs)
        clinic = ClinicSettings.for_request(request)
        if self.pk is not None and clinic.language_assistance_page_id == self.pk:
            context["language_taglines"] = list(LanguageTagline.objects.all())
        return context


class CrisisHelpPage(SharedRestrictionsMixin, Page):
    """Lists the crisis lines from ClinicSettings; every page links here."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    base_form_class = ClinicPageForm


# The team page and the clinicians' profiles below it: their own module.
from .team import TeamPage  # noqa: E402, F401
