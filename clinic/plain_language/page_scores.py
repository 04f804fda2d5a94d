"""Plain language for health pages: the glossary, the reading-grade targets, and a page's score.

A page is scored as a visitor would read it: the page (or the revision under review) is
rendered as Wagtail renders a preview, and clinic/plain_language/readability.py scores the main
content of that HTML. Scores are cached per revision and glossary, so reports stay quick.

A page in a Spanish locale (language code "es") is scored on the INFLESZ scale, where a higher
score is easier: its targets are a lowest score to aim for and a lowest score allowed, not a
highest grade (clinic/plain_language/spanish.py). English formulas never judge Spanish text.
"""

import hashlib

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site
from wagtail.search import index

from clinic.plain_language import readability, spanish

CACHE_SECONDS = 60 * 60 * 24
EASY, FAIRLY_HARD, HARD, TOO_SHORT = "Easy to read", "Fairly hard", "Hard", "Too short to score"


class GlossaryTerm(index.Indexed, models.Model):
    """A medical or technical word, and the plain words to put before it."""

    term = models.CharField(
        max_length=80,
        help_text='The word as it appears in pages, e.g. "dissociation". Plurals and other '
        "capitals are found too.",
    )
    plain = models.CharField(
        "plain alternative",
        max_length=200,
        help_text='What to say first, e.g. "feeling detached from yourself or your surroundings".',
    )
    note = models.TextField(blank=True, help_text="Optional: when the term itself is needed.")

    panels = [FieldPanel("term"), FieldPanel("plain"), FieldPanel("note")]
    search_fields = [index.SearchField("term"), index.SearchField("plain")]

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"
        constraints = [
            # Pages are searched ignoring capitals, so "Titration" would be a second "titration".
            models.UniqueConstraint(
                Lower("term"),
                name="glossary_term_unique_ignoring_capitals",
                violation_error_message="The glossary already has this term.",
            )
        ]

    def __str__(self):
        return self.term


def grade_field(default, label):
    return models.DecimalField(
        label,
        max_digits=3,
        decimal_places=1,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(18)],
    )


def inflesz_field(default, label):
    # May be left empty: it then takes the recommended value (clean() below), so a form that
    # only sets the English grades keeps working.
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        default=default,
        blank=True,
        help_text=f"Leave empty for the recommended {default}.",
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


SPANISH_FIELDS = [
    ("spanish_page_limit", "spanish_page_target"),
    ("spanish_article_limit", "spanish_article_target"),
]


@register_setting(icon="doc-full")
class PlainLanguageSettings(BaseSiteSetting):
    """The reading grades pages aim for, and above which a reviewer must say why they approve."""

    page_target = grade_field(8, "target")
    page_limit = grade_field(10, "upper limit")
    article_target = grade_field(10, "target")
    article_limit = grade_field(12, "upper limit")
    # INFLESZ: 65 and over is "fairly easy", under 55 "somewhat hard" (Barrio-Cantalejo 2008).
    spanish_page_target = inflesz_field(65, "target (INFLESZ, or more)")
    spanish_page_limit = inflesz_field(55, "lower limit (INFLESZ)")
    spanish_article_target = inflesz_field(55, "target (INFLESZ, or more)")
    spanish_article_limit = inflesz_field(40, "lower limit (INFLESZ)")

    panels = [
        HelpPanel(
            content="Reading grades are US school grades (Flesch–Kincaid). Health guidance asks "
            "for grade 8 or lower for patients. Approving a page above its upper limit needs "
            "the reviewer's reason."
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("page_target"), FieldPanel("page_limit")])],
            heading="Treatment pages and other pages",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("article_target"), FieldPanel("article_limit")])],
            heading="Articles (some are written for referring clinicians)",
        ),
        HelpPanel(
            content="Spanish pages are scored on the INFLESZ scale, where a higher score is "
            "easier: under 40 very hard, 40–55 somewhat hard, 55–65 normal, 65–80 fairly easy, "
            "80 and over very easy. Approving a Spanish page below its lower limit needs the "
            "reviewer's reason."
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("spanish_page_target"), FieldPanel("spanish_page_limit")])],
            heading="Spanish treatment pages and other pages",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("spanish_article_target"), FieldPanel("spanish_article_limit")]
                )
            ],
            heading="Spanish articles",
        ),
    ]

    class Meta:
        verbose_name = "plain language"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.page_limit < self.page_target:
            errors["page_limit"] = "The upper limit cannot be below the target."
        if self.article_limit < self.article_target:
            errors["article_limit"] = "The upper limit cannot be below the target."
        # On INFLESZ higher is easier, so the limit is the lower of the two.
        for limit, target in SPANISH_FIELDS:
            for name in (limit, target):
                if getattr(self, name) is None:
                    setattr(self, name, self._meta.get_field(name).default)
            if getattr(self, limit) > getattr(self, target):
                errors[limit] = "The lower limit cannot be above the target."
        if errors:
            raise ValidationError(errors)


GRADE, INFLESZ = "grade", "INFLESZ"


def language_of(page):
    """The language code of a page's locale ("en" when it has none)."""
    locale = getattr(page, "locale", None)
    return readability.language_for(getattr(locale, "language_code", "en")).code


class Targets:
    """The target and limit for one page, and the verdict on its score. On the English scale
    (a reading grade) higher is harder; on INFLESZ (Spanish) higher is easier."""

    def __init__(self, target, limit, scale=GRADE):
        self.target, self.limit, self.scale = float(target), float(limit), scale

    @classmethod
    def for_page(cls, page):
        site = page.get_site() or Site.objects.filter(is_default_site=True).first()
        settings = PlainLanguageSettings.for_site(site)
        kind = getattr(page, "reading_grade_targets", "page")
        kind = "article" if kind == "article" else "page"
        if language_of(page) == "es":
            prefix, scale = f"spanish_{kind}", INFLESZ
        else:
            prefix, scale = kind, GRADE
        return cls(
            getattr(settings, f"{prefix}_target"), getattr(settings, f"{prefix}_limit"), scale
        )

    def easier_or_equal(self, score, line):
        return score <= line if self.scale == GRADE else score >= line

    def verdict(self, score):
        if score is None:
            return TOO_SHORT
        if self.easier_or_equal(score, self.target):
            return EASY
        return FAIRLY_HARD if self.easier_or_equal(score, self.limit) else HARD

    def above_limit(self, score):
        """Whether the score is past the limit: harder than it allows (a grade above it, an
        INFLESZ score below it)."""
        return score is not None and not self.easier_or_equal(score, self.limit)

    def misses_target(self, score):
        return score is not None and not self.easier_or_equal(score, self.target)


def glossary():
    return list(GlossaryTerm.objects.values_list("term", "plain"))


def score_html(html, terms=None, language="en"):
    """The glossary is English: it is not applied to Spanish text."""
    if readability.language_for(language).code != "en":
        terms = ()
    elif terms is None:
        terms = glossary()
    return readability.analyse(html, terms, language)


def render(page):
    """The HTML a visitor would get for this page object (live or a revision)."""
    response = page.make_preview_request()
    return response.content.decode(response.charset or "utf-8")


class PageScore:
    """A page's reading scores as plain values (cacheable), with its targets."""

    def __init__(self, analysis, targets):
        self.scale = targets.scale
        self.grade, self.smog = analysis.grade, analysis.smog
        self.inflesz, self.fernandez_huerta = analysis.inflesz, analysis.fernandez_huerta
        # The score the targets judge: the reading grade, or the INFLESZ score.
        self.score = self.grade if self.scale == GRADE else self.inflesz
        self.words, self.sentences = analysis.words, analysis.sentences
        self.average_sentence = analysis.average_sentence
        self.polysyllable_share = analysis.polysyllable_share
        self.longest = analysis.longest
        self.problems = [(finding.label, finding.detail) for finding in analysis.findings]
        self.target, self.limit = targets.target, targets.limit
        self.verdict = targets.verdict(self.score)
        self.above_limit = targets.above_limit(self.score)
        self.misses_target = targets.misses_target(self.score)

    @property
    def band(self):
        """The INFLESZ band ('fairly easy'...), or None on the English scale."""
        if self.scale != INFLESZ or self.score is None:
            return None
        return spanish.inflesz_band(self.score)

    @property
    def summary(self):
        """'7.4, easy to read (target 8)', 'INFLESZ 68.2, fairly easy (target 65 or more)' or
        'Too short to score'."""
        if self.score is None:
            return TOO_SHORT
        if self.scale == INFLESZ:
            return f"INFLESZ {self.score:g}, {self.band} (target {self.target:g} or more)"
        return f"{self.grade:g}, {self.verdict.lower()} (target {self.target:g})"

    @property
    def past_limit(self):
        """What a reviewer approving a page past its limit is told."""
        if self.scale == INFLESZ:
            return (
                f"This version scores INFLESZ {self.score:g} ({self.band}); the lowest score "
                f"allowed for this Spanish page is {self.limit:g}."
            )
        return (
            f"This version reads at grade {self.grade:g} ({self.verdict.lower()}); "
            f"the upper limit for this page is {self.limit:g}."
        )

    def as_dict(self):
        spanish_scores = {
            "scale": self.scale,
            "inflesz": self.inflesz,
            "band": self.band,
            "fernandez_huerta": self.fernandez_huerta,
            "summary": self.summary,
        }
        return {
            "grade": self.grade,
            "verdict": self.verdict,
            "target": self.target,
            "limit": self.limit,
            "smog": self.smog,
            "words": self.words,
            "sentences": self.sentences,
            "average_sentence": self.average_sentence,
            "long_words_percent": self.polysyllable_share,
            "longest_sentences": [{"words": n, "text": s} for n, s in self.longest],
            "problems": [{"rule": label, "detail": detail} for label, detail in self.problems],
            # English rows keep the keys they always had (audits read them).
            **(spanish_scores if self.scale == INFLESZ else {}),
        }


def score_page(page, revision=None):
    """The reading score of a page as it is live, or of one of its revisions."""
    language = language_of(page)
    terms = glossary() if language == "en" else []
    targets = Targets.for_page(page)
    revision_id = revision.pk if revision else page.live_revision_id or page.latest_revision_id
    scored_by = (terms, targets.target, targets.limit, targets.scale, language)
    fingerprint = hashlib.sha256(repr(scored_by).encode()).hexdigest()
    key = f"reading-score:{page.pk}:{revision_id}:{fingerprint[:16]}"
    if (score := cache.get(key)) is None:
        shown = revision.as_object() if revision else page
        score = PageScore(readability.analyse(render(shown), terms, language), targets)
        cache.set(key, score, CACHE_SECONDS)
    return score
