"""The admin report "Pages due for review"."""

from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from clinic.review import DUE_WITHIN_DAYS, pages_due_for_review


class PagesDueForReviewView(ReportView):
    page_title = "Pages due for review"
    header_icon = "calendar-alt"
    index_url_name = "treatments_reports:pages_due_for_review"
    index_results_url_name = "treatments_reports:pages_due_for_review_results"
    any_permission_required = ["add", "change", "publish"]
    paginate_by = None
    list_export = ["title", "page_type", "status", "next_review_due", "reviewer_name"]
    export_headings = {
        "title": "Page",
        "page_type": "Type",
        "status": "Status",
        "next_review_due": "Next review due",
        "reviewer_name": "Medically reviewed by",
    }
    columns = [
        TitleColumn(
            "title",
            label="Page",
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page.pk]),
        ),
        Column("page_type", label="Type"),
        Column("status", label="Status"),
        Column("due_display", label="Next review due"),
        Column("reviewer_name", label="Medically reviewed by"),
    ]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    @property
    def no_results_message(self):
        return f"No page is overdue or due for review within {DUE_WITHIN_DAYS} days."

    def get_queryset(self):
        return pages_due_for_review()
