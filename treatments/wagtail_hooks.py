from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from clinic.review import pages_due_for_review

from .views import PagesDueForReviewView

DASHBOARD_ROWS = 5


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
    """A reminder on the dashboard of clinicians and reviewers; nothing when nothing is due."""

    name = "due_for_review"
    order = 50
    template_name = "treatments/admin/due_for_review_panel.html"

    def __init__(self, due):
        self.due = due

    def get_context_data(self, parent_context=None):
        return {"due": self.due[:DASHBOARD_ROWS], "more": max(len(self.due) - DASHBOARD_ROWS, 0)}


@hooks.register("construct_homepage_panels")
def add_due_for_review_panel(request, panels):
    if may_see_reviews(request.user):
        due = pages_due_for_review()
        if due:
            panels.append(DueForReviewPanel(due))
