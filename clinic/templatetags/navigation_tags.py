from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from clinic.serving import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context, template_name):
    """What every page of a site shows alike (the crisis bar and header, the footer): rendered
    once per page cache generation, site and current menu entry, and shared between servers
    (clinic.serving.pagecache.remember), so a page view after a publish does not render it again.
    Its template may use only the clinic's settings, the menu and the current page's place
    in it: a save of any of them starts a new generation."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = next((page.pk for page in menu_pages(context) if is_current(context, page)), None)
    year = timezone.localdate().year  # the footer's copyright line
    # The language too: the crisis bar's and footer's fixed words are translated.
    name = f"chrome:{getattr(site, 'pk', None)}:{template_name}:{current}:{year}:{get_language()}"
    return mark_safe(  # noqa: S308 (rendered by our template)
        pagecache.remember(
            name, lambda: get_template(template_name).template.render(context), every_page=True
        )
    )


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The live children of the site's root page that are marked 'show in menus' (read once
    per change and shared by every page view: clinic.serving.pagecache.remember)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return pagecache.remember(
        f"menu:{site.pk}",
        lambda: list(site.root_page.get_children().live().in_menu().public()),
        every_page=True,
    )


@register.simple_tag(takes_context=True)
def is_current(context, menu_page):
    """True when the page being shown is the menu page or below it."""
    page = context.get("page") or context.get("self")
    return bool(page and getattr(page, "path", "").startswith(menu_page.path))
