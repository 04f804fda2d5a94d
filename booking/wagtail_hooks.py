"""Who sees booking requests (managers only), their admin pages, and their audit-log actions."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from . import views
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
def register_booking_admin_urls():
    return [
        path("booking/", views.requests_index, name="booking_requests"),
        path("booking/requests/<int:pk>/", views.submission_detail, name="booking_submission"),
    ]


class BookingRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_booking_menu_item():
    return BookingRequestsMenuItem(
        "Booking requests",
        reverse("booking_requests"),
        name="booking-requests",
        icon_name="form",
        order=650,
    )


@hooks.register("construct_main_menu")
def hide_forms_index_from_non_editors(request, menu_items):
    """Wagtail's Forms index needs a page permission: managers use 'Booking requests'."""
    if not user_has_any_page_permission(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "forms"]


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    @actions.register_action("booking.export")
    class ExportFormatter(LogFormatter):
        label = "Export booking requests"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return "Exported {rows} booking request(s) as {format}".format(
                rows=data.get("rows", "?"), format=str(data.get("format", "")).upper()
            )

    @actions.register_action("booking.delete")
    class DeleteFormatter(LogFormatter):
        label = "Delete booking requests"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return "Deleted {rows} booking request(s){how}".format(
                rows=data.get("rows", "?"),
                how=" (retention purge)" if data.get("purge") else "",
            )
