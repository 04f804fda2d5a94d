"""Language assistance: the taglines that tell people who read another language that free help
is available, each written in that language.

The clinic's language assistance page (named in ClinicSettings) shows every tagline below its
text, each marked with its own language and direction, so screen readers pronounce it and
right-to-left scripts read the right way. Section 1557 (45 CFR 92.11) asks a clinic to publish
taglines in the 15 languages most spoken in its state; HHS publishes official translations.

Only administrators edit taglines: no group is given their permissions (the notice is the
clinic's legal duty, like its contact details).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel

LTR, RTL = "ltr", "rtl"
DIRECTIONS = [(LTR, "Left to right"), (RTL, "Right to left (Arabic, Farsi, Hebrew, Urdu...)")]

# A BCP 47 language tag as people write them for web pages: a language (2 or 3 letters), an
# optional script (4 letters) and an optional region (2 letters or 3 digits): "es", "zh-Hant",
# "pt-BR", "es-419". Rarer subtags (variants, extensions) are not needed for a tagline.
LANGUAGE_TAG = re.compile(
    r"^(?P<language>[a-z]{2,3})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|[0-9]{3}))?$",
    re.IGNORECASE,
)
CODE_HELP = (
    'The language\'s code, as web pages mark it: "es" (Spanish), "zh-Hant" (Chinese, '
    'traditional characters), "vi" (Vietnamese), "ar" (Arabic), "pt-BR".'
)


def normalised_tag(code):
    """A language tag in its usual case ("ZH-hant" -> "zh-Hant", "pt-br" -> "pt-BR"), or
    ValidationError saying what a code looks like."""
    match = LANGUAGE_TAG.match((code or "").strip())
    if match is None:
        raise ValidationError(
            'Enter a language code such as "es", "zh-Hant" or "pt-BR": two or three letters, '
            "then optionally a four-letter script and a two-letter region, joined by hyphens.",
            code="invalid",
        )
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    return "-".join(parts)


class LanguageTagline(models.Model):
    """One language's tagline: "free help in your language is available", in that language."""

    code = models.CharField("language code", max_length=35, unique=True, help_text=CODE_HELP)
    name = models.CharField(
        "language's own name",
        max_length=80,
        help_text='The language\'s name written in that language: "Español", "Tiếng Việt".',
    )
    text = models.TextField(
        "tagline",
        max_length=600,
        help_text="The tagline, in that language: that free language help is available, and "
        "how to ask for it. Use the official HHS translation when there is one.",
    )
    direction = models.CharField(
        "writing direction",
        max_length=3,
        choices=DIRECTIONS,
        default=LTR,
        help_text="Right to left for Arabic, Farsi, Hebrew, Urdu and similar scripts.",
    )
    sort_order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers come first on the page."
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("direction"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "language tagline"

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        if not self.code:
            return  # "This field cannot be blank." says it already
        try:
            self.code = normalised_tag(self.code)
        except ValidationError as error:
            raise ValidationError({"code": error.messages}) from error
