"""The managers' inbox: every booking request in one short row, filtered, searched, exported.

The row says what a manager needs to decide what to do next (reference, name, service,
"Spanish" for a request sent from the Spanish page, received, reply due, status, owner); the
answers are on the request's own page. Searches are posted, never put in the address (they are
names and emails): the term is kept in the manager's session until cleared, encrypted with the
field-encryption keys (clinic/security/encryption.py), so the sessions table never holds a name
or an email that can be read.
"""

import django_filters
from cryptography.fernet import InvalidToken
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import log_actions
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from clinic.practice.services import service_pages
from clinic.security.encryption import decrypt, encrypt

from . import export, queue, request_page
from .models import (
    EXPORT_PERMISSION,
    LANGUAGE_NAMES,
    BookingFormPage,
    BookingSubmission,
    booking_managers,
)
from .queue import display_name, service_title

SEARCH_SESSION_KEY = "booking-inbox-search"
SEARCH_MAX_LENGTH = 100
NOT_SURE = "none"


def status_choices():
    return [("open", "Open (still to do)"), ("all", "All")] + list(queue.Status.choices)


def owner_choices():
    people = [(str(user.pk), display_name(user)) for user in booking_managers()]
    return [("me", "Mine"), ("nobody", "Nobody")] + people


def service_choices():
    return [(str(page.pk), page.title) for page in service_pages()] + [(NOT_SURE, "Not sure yet")]


class InboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=status_choices,
        method="filter_status",
        empty_label=None,
        initial="open",  # the default: not shown as an active filter
        widget=forms.RadioSelect,
    )
    overdue = django_filters.ChoiceFilter(
        label="Reply",
        choices=[("yes", "Overdue only")],
        method="filter_overdue",
        empty_label="Any",
        widget=forms.RadioSelect,
    )
    owner = django_filters.ChoiceFilter(
        choices=owner_choices, method="filter_owner", empty_label="Anyone"
    )
    service = django_filters.ChoiceFilter(
        label="Treatment", choices=service_choices, method="filter_service", empty_label="Any"
    )
    language = django_filters.ChoiceFilter(
        choices=list(LANGUAGE_NAMES.items()), empty_label="Any", widget=forms.RadioSelect
    )
    received = django_filters.DateFromToRangeFilter(
        field_name="submit_time", label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = BookingSubmission
        fields = []

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.open()
        return queryset if value == "all" else queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue()

    def filter_owner(self, queryset, name, value):
        if value == "me":
            return queryset.filter(owner=self.request.user)
        if value == "nobody":
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner_id=value)

    def filter_service(self, queryset, name, value):
        if value == NOT_SURE:
            return queryset.filter(service_page__isnull=True)
        return queryset.filter(service_page_id=value)


def spanish_marker(submission):
    return "Spanish" if submission.in_spanish else ""


class ReplyDueColumn(Column):
    """The due time, and for a request nobody has answered yet, how long is left or late."""

    cell_template_name = "booking/admin/reply_due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        now = timezone.now()
        context["waiting"] = instance.status == queue.Status.NEW
        context["overdue"] = queue.is_overdue(instance.status, instance.reply_due, now)
        context["in_words"] = queue.due_in_words(instance.reply_due, now)
        return context


class InboxView(IndexView):
    """The inbox (managers only): open requests, the one due soonest first."""

    model = BookingSubmission
    page_title = "Booking requests"
    header_icon = "form"
    default_ordering = "reply_due"
    filterset_class = InboxFilterSet
    results_template_name = "booking/admin/inbox_results.html"
    any_permission_required = ["view"]
    is_searchable = False  # the posted search below replaces Wagtail's address-bar search

    columns = [
        TitleColumn(
            "reference", label="Reference", url_name="booking_requests:request", sort_key="pk"
        ),
        Column("name", label="Name"),
        Column("service", label="Treatment", accessor=service_title),
        # In words, and only where it differs from the usual English.
        Column("language", label="Language", accessor=spanish_marker),
        DateColumn("submit_time", label="Received", sort_key="submit_time"),
        ReplyDueColumn("reply_due", label="Reply due", sort_key="reply_due"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("owner", label="Owner", accessor=lambda item: display_name(item.owner) or "Nobody"),
    ]

    def get_add_url(self):
        return None  # requests come from visitors only

    def get_base_queryset(self):
        return BookingSubmission.objects.select_related("service_page", "owner")

    def order_queryset(self, queryset):
        # pk breaks ties, so that pages never repeat or skip a request.
        tie = "-pk" if self.ordering.startswith("-") else "pk"
        return queryset.order_by(self.ordering, tie)

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        # The inbox opens on the work still to do; a search looks through every status
        # unless one is chosen, so a returning caller's closed request is still found.
        data.setdefault("status", "all" if self.is_searching else "open")
        return {"data": data, "request": self.request}

    # Search: posted, kept in the session -----------------------------------------------------

    @cached_property
    def search_query(self):
        return remembered_search(self.request.session)

    @cached_property
    def is_searching(self):
        return bool(self.search_query)

    def search_queryset(self, queryset):
        return queryset.search(self.search_query) if self.is_searching else queryset

    def post(self, request, *args, **kwargs):
        query = " ".join(request.POST.get("q", "").split())[:SEARCH_MAX_LENGTH]
        if query and "clear" not in request.POST:
            request.session[SEARCH_SESSION_KEY] = encrypt(query)
        else:
            request.session.pop(SEARCH_SESSION_KEY, None)
        # Back to the same filters: they are in the address and hold no personal data.
        return redirect(request.get_full_path())

    def search_action(self):
        """The inbox's own address with its filters (the results fragment has another)."""
        params = self.request.GET.copy()
        for key in ("_w_filter_fragment", self.page_kwarg, "export"):
            params.pop(key, None)
        return self.index_url + ("?" + params.urlencode() if params else "")

    # Export: what the inbox shows, all rows, in one format or the other ----------------------

    @cached_property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT_PERMISSION)

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        if not self.show_export_buttons:
            raise PermissionDenied
        queryset = self.get_queryset()
        export_format = request.GET["export"]
        form_page = BookingFormPage.objects.first()
        self.log_export(form_page, queryset.count(), export_format)
        table = export.ExportTable(form_page)
        return export.response(table, queryset, export_format, self.get_filename())

    def get_filename(self):
        return "booking-requests-" + timezone.localdate().isoformat()

    def log_export(self, form_page, rows, export_format):
        filters = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        log_actions.log(
            form_page,
            "booking.export",
            user=self.request.user,
            data={
                "rows": rows,
                "format": export_format,
                # Which filters, never the search term: it is a name or an email.
                "filters": {key: describe(value) for key, value in filters.items() if value},
                "searched": self.is_searching,
            },
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            search_query=self.search_query,
            search_action=self.search_action(),
        )
        return context


def remembered_search(session):
    """The search term kept (encrypted) in the session; "" when none, or when no key opens it
    (a key retired since, or a term kept readable by an earlier release): it is dropped."""
    token = session.get(SEARCH_SESSION_KEY)
    if not token:
        return ""
    try:
        return decrypt(token)
    except (InvalidToken, TypeError, AttributeError):
        session.pop(SEARCH_SESSION_KEY, None)
        return ""


def describe(filter_value):
    """A filter's value for the audit log; a date range as its two dates."""
    if isinstance(filter_value, slice):
        start, stop = (
            f"{end:%Y-%m-%d}" if end else "…" for end in (filter_value.start, filter_value.stop)
        )
        return f"{start} to {stop}"
    return str(filter_value)


class BookingRequestViewSet(ModelViewSet):
    """The inbox, the request page and its deletion, under Booking requests in the menu."""

    model = BookingSubmission
    name = "booking_requests"
    url_prefix = "booking/requests"
    index_view_class = InboxView
    add_to_admin_menu = True
    menu_label = "Booking requests"
    icon = "form"
    menu_order = 650
    list_per_page = 25  # the viewset's page size wins over the view's paginate_by
    add_to_reference_index = False

    @property
    def url_finder_class(self):
        return type(
            "BookingRequestURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("request")},
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", request_page.request_page, name="request"),
            path("<int:pk>/delete/", request_page.delete_request, name="delete"),
        ]
