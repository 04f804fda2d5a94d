from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

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


class PagesDueForReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_pages_due_for_review_menu_item():
    return PagesDueForReviewMenuItem(
        "Pages due for review",
        reverse("treatments_reports:pages_due_for_review"),
        name="pages-due-for-review",
        icon_name="calendar-alt",
        order=1150,
    )
