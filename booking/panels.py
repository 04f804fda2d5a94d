"""Who may change what on the booking page: its text for every editor of the page; who is told
of a request (to, from, subject) and the questions asked only for those who work the requests
(Booking managers) and administrators.

The recipients are FieldPanels with a permission: Wagtail leaves such a field out of the form
itself for anyone without it, so a crafted POST cannot change it either. Wagtail's InlinePanel
takes no permission, so the questions' formset is taken out of the page form for them
(BookingFormPageForm) and this panel hides itself when it has none.
"""

from wagtail.admin.panels import InlinePanel, Panel

# Those who work the requests: Booking managers, and administrators (who have every permission).
MANAGE_PERMISSION = "booking.view_bookingsubmission"


def may_manage(user):
    return user is not None and user.has_perm(MANAGE_PERMISSION)


class ManagersInlinePanel(InlinePanel):
    """An InlinePanel shown only to those who may change it (see the module docstring)."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            if form is None or kwargs["panel"].relation_name in form.formsets:
                super().__init__(**kwargs)
                return
            # The page form left the formset out for this user: nothing to bind or show.
            Panel.BoundPanel.__init__(self, **kwargs)
            self.label = self.panel.label
            self.children = []
            self.withheld = True

        def is_shown(self):
            return not getattr(self, "withheld", False) and super().is_shown()
