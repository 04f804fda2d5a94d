"""Who exported or deleted booking requests is for Booking managers and administrators only.

Those actions are logged on the booking page (`booking.export`, `booking.delete`), and Wagtail
shows a page's log to everyone who may edit or explore the page: its history and the site
history report. For anyone without the booking permission both leave those entries out. (The
log entries of a request itself, its opening, changes and deletion, are already shown only to
people with a permission on booking requests: Wagtail filters those by content type.)

- The page history: the booking page's own view (BookingPageViewSet below).
- Site history: Wagtail builds it, its filters (users, actions) and its CSV/XLSX export from
  `PageLogEntry.objects.viewable_by_user(user)`, which has no hook: `hide_from_site_history`
  wraps it once at start-up (booking/apps.py). Booking managers, who may edit no page and so
  would see none of the page's log, see those entries there.
"""

from wagtail.admin.views.pages.history import PageHistoryView

from clinic.editorial.review_editor import ReviewPageViewSet

from .models import BookingFormPage
from .panels import may_manage

PRIVATE_PAGE_ACTIONS = ("booking.export", "booking.delete")


def visible_to(user, log_entries):
    if may_manage(user):
        return log_entries
    return log_entries.exclude(action__in=PRIVATE_PAGE_ACTIONS)


def site_history_for(user, page_log_entries):
    """What Wagtail shows `user` of the pages' log, with the booking actions for managers only."""
    if not may_manage(user) or user.is_superuser:
        return visible_to(user, page_log_entries)
    return page_log_entries | page_log_entries.model.objects.filter(action__in=PRIVATE_PAGE_ACTIONS)


class BookingPageHistoryView(PageHistoryView):
    def get_base_queryset(self):
        return visible_to(self.request.user, super().get_base_queryset())


class BookingPageViewSet(ReviewPageViewSet):
    """The booking page's admin views: every page's (clinic/editorial/review_editor.py), its history
    filtered."""

    model = BookingFormPage
    history_view_class = BookingPageHistoryView


def hide_from_site_history():
    from wagtail.models.pages import PageLogEntryManager

    viewable_by_user = PageLogEntryManager.viewable_by_user
    if getattr(viewable_by_user, "hides_booking_actions", False):
        return

    def viewable_without_booking_actions(self, user):
        return site_history_for(user, viewable_by_user(self, user))

    viewable_without_booking_actions.hides_booking_actions = True
    PageLogEntryManager.viewable_by_user = viewable_without_booking_actions
