"""The admin report "Pages due for review": a horizon (30, 90 or 365 days) and a status filter;
pages whose sources need checking say so in their status, and the licences to verify are listed
below the table."""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from clinic.editorial.due_for_review import (
    DUE_WITHIN_DAYS,
    HORIZONS,
    NEVER_REVIEWED,
    OVERDUE,
    REPORT_STATUSES,
    STALE_SOURCES,
    days_phrase,
    licences_to_verify,
    pages_due_for_review,
    with_status,
)
from clinic.security.spreadsheets import neutralise


class DueForReviewFilterSet(WagtailFilterSet):
    """The horizon and the status. The rows are a list, not a queryset: the view applies them."""

    within = django_filters.ChoiceFilter(
        label="Due within",
        choices=[(str(days), days_phrase(days)) for days in HORIZONS],
        empty_label=None,
        initial=str(DUE_WITHIN_DAYS),
        widget=forms.RadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=list(REPORT_STATUSES.items()),
        empty_label="All",
        widget=forms.RadioSelect,
    )


class ReviewStatusColumn(StatusTagColumn):
    """The status tag and, when the page has sources to check, a tag and a link to each."""

    cell_template_name = "treatments/admin/review_status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["may_edit_sources"] = bool(
            request and request.user.has_perm("clinic.change_reference")
        )
        return context


class PagesDueForReviewView(ReportView):
    page_title = "Pages due for review"
    header_icon = "calendar-alt"
    index_url_name = "treatments_reports:pages_due_for_review"
    index_results_url_name = "treatments_reports:pages_due_for_review_results"
    results_template_name = "treatments/admin/due_for_review_results.html"
    any_permission_required = ["add", "change", "publish"]
    filterset_class = DueForReviewFilterSet
    paginate_by = None
    export_filename = "pages-due-for-review"
    list_export = [
        "title",
        "page_type",
        "status_export",
        "next_review_due",
        "reviewer_name",
        "reading_grade",
    ]
    export_headings = {
        "title": "Page",
        "page_type": "Type",
        "status_export": "Status",
        "next_review_due": "Next review due",
        "reviewer_name": "Medically reviewed by",
        "reading_grade": "Reading grade",
    }
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: neutralise},
    }
    columns = [
        TitleColumn(
            "title",
            label="Page",
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page.pk]),
        ),
        Column("page_type", label="Type"),
        ReviewStatusColumn("status", label="Status"),
        Column("due_display", label="Next review due"),
        Column("reviewer_name", label="Medically reviewed by"),
        Column("reading_grade", label="Reading grade"),
    ]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_filterset_kwargs(self):
        """An unknown horizon or status falls back to the default (30 days, all) instead of an
        error, so an old or mistyped link still shows the report."""
        data = self.request.GET.copy()
        if data.get("within") not in {str(days) for days in HORIZONS}:
            data["within"] = str(DUE_WITHIN_DAYS)
        if data.get("status") not in REPORT_STATUSES:
            data.pop("status", None)
        # The filterset filters nothing itself (see filter_queryset), but wants a queryset.
        return {**super().get_filterset_kwargs(), "data": data, "queryset": Page.objects.none()}

    @cached_property
    def chosen(self):
        self.filters.is_valid()
        return self.filters.form.cleaned_data

    @property
    def within_days(self):
        return int(self.chosen.get("within") or DUE_WITHIN_DAYS)

    @property
    def status(self):
        return self.chosen.get("status") or None

    @property
    def no_results_message(self):
        if self.status == NEVER_REVIEWED:
            return "Every live health page has a recorded clinical review."
        if self.status == OVERDUE:
            return "No page is overdue for review."
        if self.status == STALE_SOURCES:
            return "No page has sources accessed more than a year before its last review."
        within = days_phrase(self.within_days)
        if self.status:
            return f"No page is due for review within {within}."
        return (
            f"No page is overdue or due for review within {within}, "
            "and every live health page has a recorded clinical review."
        )

    def get_queryset(self):
        return pages_due_for_review(within_days=self.within_days, sources=True)

    def filter_queryset(self, rows):
        return with_status(rows, self.status) if self.status else rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["within"] = days_phrase(self.within_days)
        context["licences_to_verify"] = licences_to_verify()
        context["may_edit_people"] = self.request.user.has_perm("clinic.change_person")
        status = {"status": self.status} if self.status else {}
        context["horizons"] = [
            {
                "label": days_phrase(days),
                "url": f"{self.index_url}?{urlencode({'within': days, **status})}",
                "current": days == self.within_days,
            }
            for days in HORIZONS
        ]
        return context
