"""Who sees booking requests (managers only), their admin pages, and their audit-log actions."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from clinic.security.admin_access import SuperuserMenuItem

from . import access_report, dashboard  # noqa: F401  (dashboard: registers its panel)
from .history import BookingPageViewSet
from .inbox import BookingRequestViewSet
from .models import VIEW_PERMISSION, BookingFormPage


@hooks.register("filter_form_submissions_for_user")
def only_managers_see_booking_requests(user, editable_forms):
    """Editing the booking page gives no access to its requests; the view permission does.

    Wagtail lets anyone who may edit a form page read its submissions. Booking
    requests hold health information, so they go to those with
    booking.view_bookingsubmission (Booking managers and superusers) instead,
    whether or not they may edit the page.
    """
    booking_type = ContentType.objects.get_for_model(BookingFormPage)
    other_forms = editable_forms.exclude(content_type=booking_type)
    if not user.has_perm(VIEW_PERMISSION):
        return other_forms
    return Page.objects.filter(Q(pk__in=other_forms.values("pk")) | Q(content_type=booking_type))


@hooks.register("register_admin_urls")
def register_access_report_url():
    return [
        path("reports/booking-access/", access_report.access_report, name="booking_access_report")
    ]


@hooks.register("register_reports_menu_item")
def register_access_report_menu_item():
    return SuperuserMenuItem(
        "Who can see booking requests",
        reverse("booking_access_report"),
        icon_name="lock",
        order=900,
    )


@hooks.register("register_admin_viewset")
def register_booking_requests():
    return BookingRequestViewSet()


@hooks.register("register_admin_viewset")
def register_booking_page_viewset():
    """The booking page's history hides who exported or deleted requests (booking/history.py)."""
    return BookingPageViewSet("booking_pages")


@hooks.register("insert_global_admin_css")
def booking_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("booking/admin.css"))


@hooks.register("construct_main_menu")
def hide_forms_index_from_non_editors(request, menu_items):
    """Wagtail's Forms index needs a page permission: managers use 'Booking requests'."""
    if not user_has_any_page_permission(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "forms"]


def register(actions, action, label, message):
    """A log action whose message is built from its data, never from the request's answers."""

    class Formatter(LogFormatter):
        def format_message(self, log_entry):
            return message(log_entry.data or {})

    Formatter.label = label
    actions.register_action(action)(Formatter)


def export_message(data):
    rows, export_format = data.get("rows", "?"), str(data.get("format", "")).upper()
    return f"Exported {rows} booking request(s) as {export_format}"


def delete_message(data):
    how = " (retention purge)" if data.get("purge") else ""
    return f"Deleted {data.get('rows', '?')} booking request(s){how}"


def owner_message(data):
    return f"Owner changed from {data.get('from') or 'nobody'} to {data.get('to') or 'nobody'}"


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    register(actions, "booking.export", "Export booking requests", export_message)
    register(actions, "booking.delete", "Delete booking requests", delete_message)
    register(actions, "booking.view", "Open a booking request", lambda data: "Opened the request")
    register(
        actions,
        "booking.status",
        "Change a booking request's status",
        lambda data: f"Status changed from {data.get('from')} to {data.get('to')}",
    )
    register(actions, "booking.owner", "Change a booking request's owner", owner_message)
    register(
        actions, "booking.note", "Add a note to a booking request", lambda data: "Added a note"
    )
