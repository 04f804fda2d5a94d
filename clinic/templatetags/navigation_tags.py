from django import template
from wagtail.models import Site

from clinic import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The live children of the site's root page that are marked 'show in menus' (read once
    per change and shared by every page view: clinic.pagecache.remember)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return pagecache.remember(
        f"menu:{site.pk}",
        lambda: list(site.root_page.get_children().live().in_menu().public()),
    )


@register.simple_tag(takes_context=True)
def is_current(context, menu_page):
    """True when the page being shown is the menu page or below it."""
    page = context.get("page") or context.get("self")
    return bool(page and getattr(page, "path", "").startswith(menu_page.path))
