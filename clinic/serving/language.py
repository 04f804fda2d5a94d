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


def language_of_path(path):
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


class PathLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
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
