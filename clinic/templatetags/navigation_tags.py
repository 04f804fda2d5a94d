from django import template
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Site

from clinic.serving import pagecache
from clinic.serving.language import localized_home, other_editions

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
    language = translation.get_language()
    name = f"chrome:{getattr(site, 'pk', None)}:{language}:{template_name}:{current}:{year}"
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
    home = localized_home(site)
    return pagecache.remember(
        f"menu:{site.pk}:{home.pk}",
        lambda: list(home.get_children().live().in_menu().public()),
        every_page=True,
    )


@register.simple_tag(takes_context=True)
def is_current(context, menu_page):
    """True when the page being shown is the menu page or below it."""
    page = context.get("page") or context.get("self")
    return bool(page and getattr(page, "path", "").startswith(menu_page.path))


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the address's language: where the clinic's name in the header goes."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return localized_home(site).get_url(request) if site else "/"


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages (or their home page), each in its language."""
    page = context.get("page") or context.get("self")
    return {"editions": other_editions(page, context.get("request"))}
