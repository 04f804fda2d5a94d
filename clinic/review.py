"""Which health pages are due for clinical review: one query shared by the report and the command.

The page models are discovered, not imported: any page model that uses ReviewDatesMixin
(treatment pages, articles, ...) is included, so `clinic` still imports no app.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import Person, ReviewDatesMixin

DUE_WITHIN_DAYS = 30


def review_page_models():
    """Every concrete page model with review dates."""
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if issubclass(model, ReviewDatesMixin) and not model._meta.abstract
    ]


@dataclass
class DuePage:
    page: object
    next_review_due: datetime.date
    reviewer: Person | None
    overdue: bool

    @property
    def title(self):
        return self.page.title

    @property
    def page_type(self):
        return self.page._meta.verbose_name.capitalize()

    @property
    def status(self):
        return "Overdue" if self.overdue else "Due soon"

    @property
    def due_display(self):
        """e.g. '10 December 2026 (in 14 days)' or '1 November 2026 (25 days ago)'."""
        days = (self.next_review_due - timezone.localdate()).days
        span = f"{abs(days)} day{'' if abs(days) == 1 else 's'}"
        when = "today" if days == 0 else f"in {span}" if days > 0 else f"{span} ago"
        return f"{self.next_review_due.day} {self.next_review_due:%B %Y} ({when})"

    @property
    def reviewer_name(self):
        return str(self.reviewer) if self.reviewer else "No reviewer named"


def pages_due_for_review(today=None, within_days=DUE_WITHIN_DAYS):
    """Live pages whose next review is past or within `within_days` days, soonest first."""
    today = today or timezone.localdate()
    cutoff = today + datetime.timedelta(days=within_days)
    due = []
    for model in review_page_models():
        pages = (
            model.objects.live()
            .filter(next_review_due__lte=cutoff)
            .select_related("reviewer")
            .defer_streamfields()
        )
        due.extend(
            DuePage(
                page=page,
                next_review_due=page.next_review_due,
                reviewer=page.reviewer,
                overdue=page.next_review_due < today,
            )
            for page in pages
        )
    return sorted(due, key=lambda row: (row.next_review_due, row.title))
