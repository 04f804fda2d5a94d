"""What care costs, in one place: the fees page and each treatment page's cost section show the
same Fee, so they never disagree.

A fee names the treatment pages it belongs to (`treatments`): a fees block that chooses no fees
shows the fees of its own page, and only the clinic's fees page shows every fee
(clinic.blocks.sources.FeesBlock).
"""

from django import forms
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index


class Fee(index.Indexed, models.Model):
    service = models.CharField(max_length=120, help_text="e.g. Ketamine infusion session")
    price_from = models.DecimalField(
        "price (US dollars)", max_digits=8, decimal_places=2, help_text="The price, or the lowest."
    )
    price_to = models.DecimalField(
        "up to (US dollars)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For a range only: the highest price.",
    )
    unit = models.CharField(
        max_length=60, blank=True, help_text="e.g. per session, per course of six"
    )
    included = models.TextField("what is included", blank=True)
    insurance = models.TextField(
        "insurance notes", blank=True, help_text="Whether insurance may cover it, and how."
    )
    # Pages, not treatments.TreatmentPage: `clinic` imports no app; the choices are narrowed
    # to treatment pages by content type, by name.
    treatments = models.ManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="default_fees",
        limit_choices_to={
            "content_type__app_label": "treatments",
            "content_type__model": "treatmentpage",
        },
        help_text="The treatments this fee is for. A treatment page's fees section shows "
        "these fees unless its editor chose others.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first on the fees page."
    )

    panels = [
        FieldPanel("service"),
        FieldRowPanel([FieldPanel("price_from"), FieldPanel("price_to"), FieldPanel("unit")]),
        FieldPanel("included"),
        FieldPanel("insurance"),
        FieldPanel("treatments", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("service")]

    class Meta:
        ordering = ["sort_order", "service"]

    def __str__(self):
        return f"{self.service}: {self.price}"

    @property
    def price(self):
        """'$450 per session', or '$450 to $600 per session'."""
        text = dollars(self.price_from)
        if self.price_to is not None and self.price_to != self.price_from:
            text += f" to {dollars(self.price_to)}"
        return f"{text} {self.unit}".strip()

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.price_to is not None and self.price_to < self.price_from:
            raise ValidationError({"price_to": "The highest price cannot be below the lowest."})


def dollars(amount):
    return f"${amount:,.0f}" if amount == amount.to_integral() else f"${amount:,.2f}"
