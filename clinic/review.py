"""Which health pages need clinical review: one query per page model, shared by the admin report,
the dashboard panel and the command.

A live health page needs review when it has never been reviewed (no `last_reviewed`), when its
next review is past (overdue), or when it falls due within the horizon (due soon). The page
models are discovered, not imported: any page model that uses ReviewDatesMixin (treatment pages,
articles, ...) is included, so `clinic` still imports no app.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from .models import Person, ReviewDatesMixin, a_year_after
from .plain_language import score_page

DUE_WITHIN_DAYS = 30
HORIZONS = (30, 90, 365)

NEVER_REVIEWED = "never"
OVERDUE = "overdue"
DUE_SOON = "soon"
# Most urgent first: this is the order of the report, the dashboard and the command.
STATUSES = {NEVER_REVIEWED: "Never reviewed", OVERDUE: "Overdue", DUE_SOON: "Due soon"}
STATUS_ORDER = list(STATUSES)


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
    state: str  # NEVER_REVIEWED, OVERDUE or DUE_SOON
    next_review_due: datetime.date | None
    reviewer: Person | None
    today: datetime.date

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
        return STATUSES[self.state]

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
    def reading_grade(self):
        """'7.4, easy to read (target 8)': the live page's (clinic/plain_language.py)."""
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


def pages_due_for_review(today=None, within_days=DUE_WITHIN_DAYS):
    """Live health pages never reviewed, overdue, or due within `within_days` days.

    Never-reviewed pages come first (by title), then overdue ones (most overdue first), then
    those due soon (soonest first). One query per health page model, whatever the number of pages.
    """
    today = today or timezone.localdate()
    cutoff = today + datetime.timedelta(days=within_days)
    may_be_due = (
        Q(last_reviewed__isnull=True)
        | Q(next_review_due__isnull=True)
        | Q(next_review_due__lte=cutoff)
    )
    due = []
    for model in review_page_models():
        pages = (
            model.objects.live().filter(may_be_due).select_related("reviewer").defer_streamfields()
        )
        for page in pages:
            found = review_state(page, today, cutoff)
            if found:
                state, date = found
                due.append(DuePage(page, state, date, page.reviewer, today))
    return sorted(
        due,
        key=lambda row: (
            STATUS_ORDER.index(row.state),
            row.next_review_due if not row.never_reviewed else datetime.date.min,
            row.title,
        ),
    )


def count_by_status(rows):
    """{'never': 1, 'overdue': 2, 'soon': 0} for rows from pages_due_for_review."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in rows:
        counts[row.state] += 1
    return counts
