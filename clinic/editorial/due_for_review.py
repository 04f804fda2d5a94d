"""Which health pages need clinical review: one query per page model, shared by the admin report,
the dashboard panel and the command.

A live health page needs review when it has never been reviewed (no `last_reviewed`), when its
next review is past (overdue), or when it falls due within the horizon (due soon). The page
models are discovered, not imported: any page model that uses ReviewDatesMixin (treatment pages,
articles, ...) is included, so `clinic` still imports no app.

The admin report also asks for sources: a page that lists sources last accessed more than a
year before its last review (clinic/editorial/references.py) needs attention whenever its review is
due, so it is listed with them ("Sources to check"). Below the pages, the report lists the people
whose licence is due a check on the state's register (clinic/editorial/people.py).
"""

import datetime
from dataclasses import dataclass, field

from django.core.checks import Error, Tags, register
from django.db.models import Q
from django.utils import timezone

from clinic.editorial import translations
from clinic.editorial.people import Person
from clinic.editorial.references import sources_cited_by_pages
from clinic.editorial.review_dates import ReviewDatesMixin, a_year_after
from clinic.editorial.reviewed_content import unreviewed_fields_check
from clinic.plain_language.page_scores import score_page

DUE_WITHIN_DAYS = 30
HORIZONS = (30, 90, 365)

NEVER_REVIEWED = "never"
OVERDUE = "overdue"
DUE_SOON = "soon"
# Most urgent first: this is the order of the report, the dashboard and the command.
STATUSES = {NEVER_REVIEWED: "Never reviewed", OVERDUE: "Overdue", DUE_SOON: "Due soon"}
STATUS_ORDER = list(STATUSES)
# The report's rows also have translations whose source was changed and signed off since
# (clinic/editorial/translations.py), and pages due by nothing but their sources, listed last.
OUT_OF_DATE = "translation"
STALE_SOURCES = "sources"
REPORT_STATUSES = {
    **STATUSES,
    OUT_OF_DATE: "Out of date with the English page",
    STALE_SOURCES: "Sources to check",
}
REPORT_ORDER = list(REPORT_STATUSES)


def review_page_models():
    """Every concrete page model with review dates."""
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if issubclass(model, ReviewDatesMixin) and not model._meta.abstract
    ]


def days_phrase(days):
    return f"{days} day{'' if days == 1 else 's'}"


@dataclass
class DuePage:
    page: object
    state: str  # NEVER_REVIEWED, OVERDUE, DUE_SOON, OUT_OF_DATE or STALE_SOURCES
    next_review_due: datetime.date | None
    reviewer: Person | None
    today: datetime.date
    # Sources accessed more than a year before the page's last review, whatever its state
    # (found only when pages_due_for_review is asked for sources).
    stale_sources: list = field(default_factory=list)

    @property
    def never_reviewed(self):
        return self.state == NEVER_REVIEWED

    @property
    def overdue(self):
        return self.state == OVERDUE

    @property
    def title(self):
        return self.page.title

    @property
    def page_type(self):
        return self.page._meta.verbose_name.capitalize()

    @property
    def status(self):
        return REPORT_STATUSES[self.state]

    @property
    def status_export(self):
        """The status, and the sources to check if any: 'Overdue; 2 sources accessed...'."""
        if self.stale_sources and self.state != STALE_SOURCES:
            return f"{self.status}; {self.sources_display}"
        return f"{self.status}: {self.sources_display}" if self.stale_sources else self.status

    @property
    def due_display(self):
        """'Never reviewed', or e.g. '10 December 2026 (in 14 days)', '1 May 2026 (5 days ago)'."""
        if self.never_reviewed:
            return STATUSES[NEVER_REVIEWED]
        days = (self.next_review_due - self.today).days
        when = (
            "today"
            if days == 0
            else f"in {days_phrase(days)}"
            if days > 0
            else f"{days_phrase(-days)} ago"
        )
        return f"{self.next_review_due.day} {self.next_review_due:%B %Y} ({when})"

    @property
    def reviewer_name(self):
        return str(self.reviewer) if self.reviewer else "No reviewer named"

    @property
    def sources_display(self):
        """'' or e.g. '2 sources accessed over a year before review'."""
        count = len(self.stale_sources)
        if not count:
            return ""
        return f"{count} source{'' if count == 1 else 's'} accessed over a year before review"

    @property
    def reading_grade(self):
        """'7.4, easy to read (target 8)': the live page's
        (clinic/plain_language/page_scores.py)."""
        return score_page(self.page).summary


def review_state(page, today, cutoff):
    """(state, next review date) of one page, or None when its review is not due by `cutoff`.

    A page reviewed without a next date recorded is due a year after its review, as the editor
    would have filled it in.
    """
    if page.last_reviewed is None:
        return NEVER_REVIEWED, page.next_review_due
    due = page.next_review_due or a_year_after(page.last_reviewed)
    if due < today:
        return OVERDUE, due
    if due <= cutoff:
        return DUE_SOON, due
    return None


def pages_due_for_review(today=None, within_days=DUE_WITHIN_DAYS, sources=False):
    """Live health pages never reviewed, overdue, or due within `within_days` days; with
    `sources`, also those whose sources were accessed more than a year before their last review,
    and each row's sources to check.

    Never-reviewed pages come first (by title), then overdue ones (most overdue first), then
    those due soon (soonest first), then translations out of date with their source, then
    those due by nothing but their sources. One query per health page model, and two for the
    sources; a translation adds two (its source, its last sign-off).
    """
    today = today or timezone.localdate()
    cutoff = today + datetime.timedelta(days=within_days)
    cited = sources_cited_by_pages() if sources else {}
    may_be_due = (
        Q(last_reviewed__isnull=True)
        | Q(next_review_due__isnull=True)
        | Q(next_review_due__lte=cutoff)
    )
    if cited:
        may_be_due |= Q(pk__in=list(cited))
    may_be_due |= ~Q(locale__language_code=translations.default_language())  # out of date?
    due = []
    for model in review_page_models():
        pages = (
            model.objects.live()
            .filter(may_be_due)
            .select_related("reviewer", "locale")
            .defer_streamfields()
        )
        for page in pages:
            cites = cited.get(page.pk, ())
            stale = [source for source in cites if source.stale_for(page.last_reviewed)]
            stale.sort(key=lambda source: (source.accessed, source.title))
            found = review_state(page, today, cutoff)
            if not found and translations.out_of_date(page):
                found = OUT_OF_DATE, page.next_review_due or a_year_after(page.last_reviewed)
            if not found and stale:
                found = STALE_SOURCES, page.next_review_due or a_year_after(page.last_reviewed)
            if found:
                state, date = found
                due.append(DuePage(page, state, date, page.reviewer, today, stale))
    return sorted(
        due,
        key=lambda row: (
            REPORT_ORDER.index(row.state),
            row.next_review_due if not row.never_reviewed else datetime.date.min,
            row.title,
        ),
    )


def count_by_status(rows):
    """{'never': 1, 'overdue': 2, 'soon': 0} for rows from pages_due_for_review (rows due by
    nothing but their sources are not counted)."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in rows:
        if row.state in counts:
            counts[row.state] += 1
    return counts


def with_status(rows, status):
    """The rows the report's status filter shows: those in the state, or for "Sources to
    check" every row with sources to check."""
    if status == STALE_SOURCES:
        return [row for row in rows if row.stale_sources]
    return [row for row in rows if row.state == status]


def licences_to_verify(today=None):
    """People still at the clinic whose licence was never verified on the state's register,
    or not for over a year, by name (one query)."""
    today = today or timezone.localdate()
    return [
        person
        for person in Person.objects.filter(retired=False).order_by("name")
        if person.licence_check_due(today)
    ]


@register(Tags.models)
def health_page_fields_are_placed(app_configs=None, **kwargs):
    """Every field of a health page model is either covered by the sign-off or named as not
    covered (clinic/editorial/reviewed_content.py): a new field is never left out of review
    unnoticed."""
    return [
        Error(
            f"{model._meta.label}.{name} is in neither reviewed_fields nor unreviewed_fields.",
            hint="Add it to reviewed_fields if visitors read it as part of the health "
            "information; otherwise to unreviewed_fields.",
            obj=model,
            id="clinic.E002",
        )
        for model in review_page_models()
        for name in unreviewed_fields_check(model)
    ]
