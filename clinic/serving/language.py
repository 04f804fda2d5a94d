"""The language of a request comes from its address alone: /es/… is Spanish, every other
address English (the default, unprefixed: clinic/urls.py).

Django's LocaleMiddleware would also read a cookie and the Accept-Language header for the
unprefixed addresses, and mark every such response `Vary: Accept-Language`. Here one address
always answers in one language, so the page cache, browsers and proxies keep the two editions
apart by address alone, and a Spanish reader's browser never turns an English link Spanish.
The admin sets each user's own language itself.
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail.models import Site

from clinic.serving import pagecache
from clinic.serving.shared_data import is_public, restricted_paths


def language_of_path(path):
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


class PathLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's next work starts in the default language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def page_in_the_address_language(page, request, serve_args, serve_kwargs):
    """404 for a page of another language's tree at this address. Wagtail routes a Spanish
    address from the home page's Spanish translation, and from the English home page while
    there is none: the English pages would then answer under /es/ too, as duplicates."""
    site = Site.find_for_request(request)
    if site is None or translation.get_language() == settings.LANGUAGE_CODE:
        return None
    if page.path.startswith(site.root_page.path):
        raise Http404("This page has no Spanish translation yet.")
    return None


def in_default_language():
    return translation.get_language() == settings.LANGUAGE_CODE


def localized_home(site):
    """The site's home page in the address's language (the English one while it has no live
    translation), shared between servers like the menu."""
    if in_default_language():
        return site.root_page
    return home_in(site, translation.get_language()) or site.root_page


def home_in(site, language):
    """The site's live home page in `language`, or None; shared between servers."""
    if language == settings.LANGUAGE_CODE:
        return site.root_page
    return pagecache.remember(
        f"home:{site.pk}:{language}",
        lambda: translation_in(site.root_page, language),
        every_page=True,
    )


def translation_in(page, language):
    """The live translation of `page` in `language` (the page itself when it is in it), or None."""
    return (
        page.get_translations(inclusive=True).live().filter(locale__language_code=language).first()
    )


def translated(page):
    """A page a setting links to (the crisis page, the booking page), in the address's language
    when it has a live translation, else as it is."""
    if page is None or in_default_language():
        return page
    return translation_in(page, translation.get_language()) or page


def alternates(page, request=None):
    """[(hreflang, absolute URL)] of the page's live, public translations, itself included,
    then x-default (the page in the default language), or [] for a page in one language only.
    What <link rel="alternate" hreflang> and the sitemap print: absolute, and the same list on
    every page of the set, so each names the others (reciprocal)."""
    restricted = restricted_paths()
    public_ones = [each for each in live_translations(page) if is_public(each, restricted)]
    return hreflang_links(public_ones, request)


def live_translations(page):
    """The page's live translations, itself included if live, with their locales: read once
    per page view (the hreflang links and the switcher both need them)."""
    if not hasattr(page, "_live_translations"):
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        page._live_translations = list(translations)
    return page._live_translations


def hreflang_links(translations, request=None):
    """alternates() for a set of live, public translations of one page."""
    links = sorted((each.locale.language_code, each.get_full_url(request)) for each in translations)
    links = [(code, url) for code, url in links if url]
    default = dict(links).get(settings.LANGUAGE_CODE)
    return [*links, ("x-default", default)] if default and len(links) > 1 else []


def other_editions(page, request=None):
    """[(language code, the language's own name, URL)] for the language switcher: the page's
    live translation in each other language, else that language's home page, else nothing."""
    site = Site.find_for_request(request) if request else None
    translations = {}
    if page is not None and getattr(page, "pk", None):
        translations = {
            each.locale.language_code: each for each in live_translations(page) if each != page
        }
    current = translation.get_language()
    editions = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        target = translations.get(code)
        if target is None and site is not None:
            target = home_in(site, code)
        url = target.get_url(request) if target is not None else None
        if url:
            editions.append((code, translation.get_language_info(code)["name_local"], url))
    return editions
