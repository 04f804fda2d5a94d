"""What search engines and link previews read: descriptions, canonical URLs, JSON-LD."""

import html
import json

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.models import Page

from clinic.serving import language
from clinic.serving.page_titles import document_title
from clinic.serving.routing import route_ancestors

register = template.Library()


@register.filter
def with_site_name(rendered, site_name):
    """base.html's <title>: the title block as rendered, with the clinic's name after it when
    the whole fits in 65 characters (clinic/serving/page_titles.py states the rule)."""
    text = html.unescape(strip_tags(str(rendered)))
    return escape(document_title(text, site_name))


@register.simple_tag
def meta_description(page, fallback=""):
    """The page's own description (search description, summary, teaser, intro) or the fallback."""
    if not isinstance(page, Page):
        return fallback
    if hasattr(page, "get_meta_description"):
        text = page.get_meta_description()
    else:
        text = page.search_description or getattr(page, "intro", "")
    text = " ".join(strip_tags(str(text or "")).split())
    return Truncator(text).chars(300) if text else fallback


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """(title, url) from the home page down to the page itself; empty on the home page.
    A routable page's sub-page (e.g. a profile below the team page) adds its own crumbs as
    `breadcrumb_tail` in the context."""
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    ancestors = route_ancestors(page)
    if ancestors is None:
        ancestors = page.get_ancestors().only("title", "url_path", "path", "depth")
    ancestors = [ancestor for ancestor in ancestors if ancestor.depth >= 2]
    trail = [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors]
    return [*trail, (page.title, page.get_url(request)), *context.get("breadcrumb_tail", ())]


@register.simple_tag(takes_context=True)
def structured_data(context, page, trail):
    """The page's JSON-LD objects plus a BreadcrumbList, as script elements."""
    request = context.get("request")
    objects = []
    if isinstance(page, Page) and hasattr(page, "get_structured_data"):
        objects.extend(in_language(page.get_structured_data(request)))
    if trail:
        objects.append(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": title,
                        "item": request.build_absolute_uri(url) if request else url,
                    }
                    for position, (title, url) in enumerate(trail, start=1)
                ],
            }
        )
    return mark_safe(  # noqa: S308 (JSON with <, > and & escaped cannot close the script)
        "".join(
            f'<script type="application/ld+json">{json_for_script(data)}</script>'
            for data in objects
        )
    )


# The page's own kinds of schema.org CreativeWork: they say which language they are written in.
WRITTEN_TYPES = {"WebPage", "MedicalWebPage", "Article", "FAQPage", "ProfilePage"}


def in_language(objects):
    """The page's JSON-LD objects, each written one marked with the address's language."""
    code = get_language()
    for data in objects:
        if data.get("@type") in WRITTEN_TYPES:
            data.setdefault("inLanguage", code)
        yield data


def json_for_script(data):
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@register.simple_tag(takes_context=True)
def alternate_links(context, page):
    """(hreflang, absolute URL) of every live translation of the page, and x-default."""
    return language.alternates(page, context.get("request"))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """The full address of a site path: on SITE_URL when set (clinic/serving/site_url.py)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag
def share_title(page, clinic_settings):
    """The title a shared link shows: the clinic's name and tagline for the home page (a site's
    root), else the page's SEO title or title."""
    if page.depth == 2 and clinic_settings.tagline:
        return f"{clinic_settings.name}: {clinic_settings.tagline}"
    return page.seo_title or page.title


@register.simple_tag
def share_image_alt(page, image):
    """The shared picture's own alt text: the page's words for its hero image, else the
    image's description. Never the page's title: that says nothing about the picture."""
    if image == getattr(page, "hero_image", None) and getattr(page, "hero_image_alt", ""):
        return page.hero_image_alt
    return image.description
