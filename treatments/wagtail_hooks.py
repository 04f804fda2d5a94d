from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from clinic.editorial.due_for_review import (
    DUE_SOON,
    DUE_WITHIN_DAYS,
    STATUSES,
    count_by_status,
    days_phrase,
    pages_due_for_review,
)

from .views import PagesDueForReviewView


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("", PagesDueForReviewView.as_view(), name="pages_due_for_review"),
        path(
            "results/",
            PagesDueForReviewView.as_view(results_only=True),
            name="pages_due_for_review_results",
        ),
    ]
    return [path("reports/due-for-review/", include((urls, "treatments_reports")))]


def may_see_reviews(user):
    return policy_registry.get_by_type(Page).user_has_any_permission(
        user, ["add", "change", "publish"]
    )


class PagesDueForReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_reviews(request.user)


@hooks.register("register_reports_menu_item")
def register_pages_due_for_review_menu_item():
    return PagesDueForReviewMenuItem(
        "Pages due for review",
        reverse("treatments_reports:pages_due_for_review"),
        name="pages-due-for-review",
        icon_name="calendar-alt",
        order=1150,
    )


class DueForReviewPanel(Component):
    """A reminder on the dashboard of clinicians and reviewers: how many live health pages were
    never reviewed, are overdue, or fall due within 30 days, each count linking to those rows of
    the report. Nothing at all when nothing is due."""

    name = "due_for_review"
    order = 50
    template_name = "treatments/admin/due_for_review_panel.html"

    def __init__(self, counts):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        report_url = reverse("treatments_reports:pages_due_for_review")
        labels = {**STATUSES, DUE_SOON: f"Due within {days_phrase(DUE_WITHIN_DAYS)}"}
        return {
            "items": [
                {
                    "status": status,
                    "label": labels[status],
                    "count": count,
                    "url": f"{report_url}?within={DUE_WITHIN_DAYS}&status={status}",
                }
                for status, count in self.counts.items()
            ],
            "report_url": report_url,
        }


@hooks.register("construct_homepage_panels")
def add_due_for_review_panel(request, panels):
    if may_see_reviews(request.user):
        counts = count_by_status(pages_due_for_review(within_days=DUE_WITHIN_DAYS))
        if any(counts.values()):
            panels.append(DueForReviewPanel(counts))
