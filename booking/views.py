"""Admin views for booking requests: listing, one request, export. Managers only."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from wagtail import log_actions
from wagtail.contrib.forms.views import SubmissionsListView

from . import export
from .consent import CONSENT_VERSIONS
from .models import (
    DELETE_PERMISSION,
    EXPORT_PERMISSION,
    VIEW_PERMISSION,
    BookingFormPage,
    BookingSubmission,
)


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


class BookingSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions listing, for managers only, with a safe streaming export."""

    results_template_name = "booking/admin/list_submissions.html"
    page_title = "Booking requests"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, VIEW_PERMISSION)
        if self.is_export:
            require(request.user, EXPORT_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    @property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT_PERMISSION)

    def get_breadcrumbs_items(self):
        # Wagtail's Forms index needs a page permission that managers do not have: no link there.
        return self.breadcrumbs_items + [
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()}
        ]

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        # Skip the listing's context: it would load every row into memory to count them.
        export_format = request.GET.get("export")
        queryset = self.get_queryset()
        rows = queryset.count()
        log_actions.log(
            self.form_page,
            "booking.export",
            user=request.user,
            data={"rows": rows, "format": export_format},
        )
        return self.as_spreadsheet(queryset, export_format)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_delete"] = self.request.user.has_perm(DELETE_PERMISSION)
        return context

    def write_csv_response(self, queryset):
        fields = self.list_export
        headings = [self.export_headings.get(field, field) for field in fields]
        rows = (
            [submission.get_data().get(field) for field in fields]
            for submission in queryset.iterator(chunk_size=export.CHUNK_SIZE)
        )
        response = StreamingHttpResponse(
            export.stream_rows(headings, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        response["Cache-Control"] = "no-store, private"
        return response

    def write_xlsx(self, queryset, output):
        super().write_xlsx(queryset.iterator(chunk_size=export.CHUNK_SIZE), output)

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))

    def write_xlsx_response(self, queryset):
        response = super().write_xlsx_response(queryset)
        response["Cache-Control"] = "no-store, private"
        return response


def display(value):
    """An answer as text for the admin (escaped by the template, never neutralised)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


@never_cache
def requests_index(request):
    """The 'Booking requests' menu item: straight to the listing when there is one form."""
    require(request.user, VIEW_PERMISSION)
    pages = list(BookingFormPage.objects.order_by("title"))
    if len(pages) == 1:
        return redirect("wagtailforms:list_submissions", pages[0].pk)
    return TemplateResponse(request, "booking/admin/index.html", {"pages": pages})


@never_cache
def submission_detail(request, pk):
    """One booking request, read by a manager."""
    require(request.user, VIEW_PERMISSION)
    submission = get_object_or_404(BookingSubmission.objects.select_related("page"), pk=pk)
    page = submission.page.specific
    data = submission.get_data()
    rows = [(label, display(data.get(name))) for name, label in page.get_data_fields()]
    rows.append(("Consent text", CONSENT_VERSIONS.get(submission.consent_version, "")))
    return TemplateResponse(
        request,
        "booking/admin/submission_detail.html",
        {
            "submission": submission,
            "form_page": page,
            "rows": rows,
            "can_delete": request.user.has_perm(DELETE_PERMISSION),
        },
    )
