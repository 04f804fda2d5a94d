"""The view that takes the place of Wagtail's submissions list on the booking page.

Apart from the inbox (booking/inbox.py), which imports the models: the page model names
this view, and taking it from the inbox made an import circle (models -> inbox -> models).
"""

from django.shortcuts import redirect
from wagtail.contrib.forms.views import SubmissionsListView


class FormSubmissionsRedirect(SubmissionsListView):
    """Wagtail's own submissions list for the booking page leads to the inbox instead."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("booking_requests:index")
