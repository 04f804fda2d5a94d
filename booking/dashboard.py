"""The Booking managers' panel on the admin dashboard: new, overdue and own requests, as counts.

Counts and links only: nothing about a request itself is shown here.
"""

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import queue
from .models import VIEW_PERMISSION, BookingSubmission


class BookingRequestsPanel(Component):
    name = "booking_requests"
    order = 10  # before Wagtail's own panels (210 and up) and the review reminder (50)
    template_name = "booking/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def counts(self):
        """Three COUNT queries, through the same queryset rules the inbox filters use."""
        requests = BookingSubmission.objects.all()
        return {
            "new": requests.filter(status=queue.Status.NEW).count(),
            "overdue": requests.overdue(timezone.now()).count(),
            "mine": requests.open().filter(owner=self.user).count(),
        }

    def get_context_data(self, parent_context=None):
        # Reversed when rendered, not at import: the inbox registers its URLs with the hooks.
        inbox = reverse("booking_requests:index")
        counts = self.counts()
        items = []
        for key, label, query, icon in [
            ("new", "new", "?status=new", "mail"),
            ("overdue", "overdue", "?overdue=yes", "time"),
            ("mine", "assigned to you", "?owner=me", "user"),
        ]:
            # Late replies stand out by icon and weight, not by colour alone.
            alert = key == "overdue" and counts[key] > 0
            items.append(
                {
                    "key": key,
                    "count": counts[key],
                    "label": label,
                    "url": inbox + query,
                    "alert": alert,
                    "icon": "warning" if alert else icon,
                }
            )
        return {"inbox_url": inbox, "items": items}


@hooks.register("construct_homepage_panels")
def add_booking_requests_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.append(BookingRequestsPanel(request.user))
