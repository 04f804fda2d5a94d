"""The admin report "Pages due for review": a horizon (30, 90 or 365 days) and a status filter."""

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

from clinic.review import (
    DUE_WITHIN_DAYS,
    HORIZONS,
    NEVER_REVIEWED,
    OVERDUE,
    STATUSES,
    days_phrase,
    pages_due_for_review,
)
from clinic.spreadsheets import neutralise


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
        choices=list(STATUSES.items()),
        empty_label="All",
        widget=forms.RadioSelect,
    )


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
        "status",
        "next_review_due",
        "reviewer_name",
        "reading_grade",
    ]
    export_headings = {
        "title": "Page",
        "page_type": "Type",
        "status": "Status",
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
        StatusTagColumn("status", label="Status"),
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
        if data.get("status") not in STATUSES:
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
        within = days_phrase(self.within_days)
        if self.status:
            return f"No page is due for review within {within}."
        return (
            f"No page is overdue or due for review within {within}, "
            "and every live health page has a recorded clinical review."
        )

    def get_queryset(self):
        return pages_due_for_review(within_days=self.within_days)

    def filter_queryset(self, rows):
        if self.status:
            return [row for row in rows if row.state == self.status]
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["within"] = days_phrase(self.within_days)
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
