"""The medical disclaimer at the foot of every health page; Clinical reviewers edit it."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from clinic.serving import pagecache

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

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("off_label_statement")]

    class Meta:
        verbose_name = "medical disclaimer"

    def __str__(self):
        return self.title

    @classmethod
    def current(cls):
        """The disclaimer in use: the most recently created one (shared between servers until
        a disclaimer changes: PAGE_CACHE_INVALIDATED_BY)."""
        return pagecache.remember(
            "medical-disclaimer", lambda: cls.objects.order_by("-pk").first(), every_page=True
        )
