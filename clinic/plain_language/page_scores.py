"""Plain language for health pages: the glossary, the reading-grade targets, and a page's score.

A page is scored as a visitor would read it: the page (or the revision under review) is
rendered as Wagtail renders a preview, and clinic/plain_language/readability.py scores the main
content of that HTML. Scores are cached per revision and glossary, so reports stay quick.
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

from clinic.plain_language import readability

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


@register_setting(icon="doc-full")
class PlainLanguageSettings(BaseSiteSetting):
    """The reading grades pages aim for, and above which a reviewer must say why they approve."""

    page_target = grade_field(8, "target")
    page_limit = grade_field(10, "upper limit")
    article_target = grade_field(10, "target")
    article_limit = grade_field(12, "upper limit")

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
        if errors:
            raise ValidationError(errors)


class Targets:
    """The target and upper limit for one page, and the verdict on a grade."""

    def __init__(self, target, limit):
        self.target, self.limit = float(target), float(limit)

    @classmethod
    def for_page(cls, page):
        site = page.get_site() or Site.objects.filter(is_default_site=True).first()
        settings = PlainLanguageSettings.for_site(site)
        if getattr(page, "reading_grade_targets", "page") == "article":
            return cls(settings.article_target, settings.article_limit)
        return cls(settings.page_target, settings.page_limit)

    def verdict(self, grade):
        if grade is None:
            return TOO_SHORT
        if grade <= self.target:
            return EASY
        return FAIRLY_HARD if grade <= self.limit else HARD

    def above_limit(self, grade):
        return grade is not None and grade > self.limit


def glossary():
    return list(GlossaryTerm.objects.values_list("term", "plain"))


def score_html(html, terms=None):
    return readability.analyse(html, glossary() if terms is None else terms)


def render(page):
    """The HTML a visitor would get for this page object (live or a revision)."""
    response = page.make_preview_request()
    return response.content.decode(response.charset or "utf-8")


class PageScore:
    """A page's reading scores as plain values (cacheable), with its targets."""

    def __init__(self, analysis, targets):
        self.grade, self.smog = analysis.grade, analysis.smog
        self.words, self.sentences = analysis.words, analysis.sentences
        self.average_sentence = analysis.average_sentence
        self.polysyllable_share = analysis.polysyllable_share
        self.longest = analysis.longest
        self.problems = [(finding.label, finding.detail) for finding in analysis.findings]
        self.target, self.limit = targets.target, targets.limit
        self.verdict = targets.verdict(self.grade)
        self.above_limit = targets.above_limit(self.grade)

    @property
    def summary(self):
        """'7.4, easy to read (target 8)' or 'Too short to score'."""
        if self.grade is None:
            return TOO_SHORT
        return f"{self.grade:g}, {self.verdict.lower()} (target {self.target:g})"

    def as_dict(self):
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
        }


def score_page(page, revision=None):
    """The reading score of a page as it is live, or of one of its revisions."""
    terms = glossary()
    targets = Targets.for_page(page)
    revision_id = revision.pk if revision else page.live_revision_id or page.latest_revision_id
    fingerprint = hashlib.sha256(repr((terms, targets.target, targets.limit)).encode()).hexdigest()
    key = f"reading-score:{page.pk}:{revision_id}:{fingerprint[:16]}"
    if (score := cache.get(key)) is None:
        shown = revision.as_object() if revision else page
        score = PageScore(readability.analyse(render(shown), terms), targets)
        cache.set(key, score, CACHE_SECONDS)
    return score
