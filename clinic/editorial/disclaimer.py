"""The medical disclaimer at the foot of every health page; Clinical reviewers edit it. Its
Spanish version is shown on Spanish pages when filled (clinic.practice.spanish)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from clinic.practice.spanish import shown
from clinic.serving import pagecache

SPANISH_HELP = "Shown on Spanish pages; leave empty to show the English {}."

OFF_LABEL_STATEMENT = (
    "<p><b>An off-label use.</b> The medicine on this page is not approved for this use. "
    "Doctors may still prescribe it when they judge it suitable, under close supervision, "
    "and will explain what is and is not known before you decide.</p>"
)


class MedicalDisclaimer(models.Model):
    """The site's medical disclaimer, shown at the foot of every health page; reviewers edit it."""

    title = models.CharField(max_length=100, default="About this information")
    text = RichTextField(
        features=["bold", "italic", "link"],
        help_text="Shown at the foot of every treatment page. Keep it short and plain.",
    )
    off_label_statement = RichTextField(
        features=["bold", "italic", "link"],
        default=OFF_LABEL_STATEMENT,
        help_text="Shown near the top of every treatment page that describes an off-label use.",
    )

    title_es = models.CharField(
        "title in Spanish", max_length=100, blank=True, help_text=SPANISH_HELP.format("title")
    )
    text_es = RichTextField(
        "text in Spanish",
        features=["bold", "italic", "link"],
        blank=True,
        help_text=SPANISH_HELP.format("text") + " Reviewed by a clinician who reads Spanish.",
    )
    off_label_statement_es = RichTextField(
        "off-label statement in Spanish",
        features=["bold", "italic", "link"],
        blank=True,
        help_text=SPANISH_HELP.format("statement"),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("off_label_statement"),
        MultiFieldPanel(
            [FieldPanel("title_es"), FieldPanel("text_es"), FieldPanel("off_label_statement_es")],
            heading="Spanish",
        ),
    ]

    class Meta:
        verbose_name = "medical disclaimer"

    def __str__(self):
        return self.title

    # What visitors read, in the page's language (templates/includes/review_dates.html and
    # templates/treatments/treatment_page.html).
    @property
    def title_shown(self):
        return shown(self.title, self.title_es)

    @property
    def text_shown(self):
        return shown(self.text, self.text_es)

    @property
    def off_label_statement_shown(self):
        return shown(self.off_label_statement, self.off_label_statement_es)

    @classmethod
    def current(cls):
        """The disclaimer in use: the most recently created one (shared between servers until
        a disclaimer changes: PAGE_CACHE_INVALIDATED_BY)."""
        return pagecache.remember(
            "medical-disclaimer", lambda: cls.objects.order_by("-pk").first(), every_page=True
        )
