"""Shared by the review-reminder tests: dates around TODAY (see the `frozen_today` fixture)
and the report's URLs."""

import datetime

TODAY = datetime.date(2026, 6, 1)
REPORT = "treatments_reports:pages_due_for_review"
RESULTS = "treatments_reports:pages_due_for_review_results"


def days(n):
    return TODAY + datetime.timedelta(days=n)


def reviewed(due, reviewer):
    """Review fields for a page whose next review falls on `due`."""
    return {
        "last_reviewed": due - datetime.timedelta(days=365),
        "next_review_due": due,
        "reviewer": reviewer,
    }


def forget_review(page):
    """As if the page went live before reviews were recorded: a queryset update, no validation."""
    type(page).objects.filter(pk=page.pk).update(
        last_reviewed=None, next_review_due=None, reviewer=None
    )
