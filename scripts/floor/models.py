from wagtail.models import Page


class FloorPage(Page):
    """A page with nothing but its title, rendered by a one-line template: what Wagtail, the
    site's middleware and a template cost before any of the site's own work."""

    template = "floor/floor_page.html"
