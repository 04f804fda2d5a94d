"""Site search, and robots.txt for crawlers."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.models import Locale, Page

from blog.models import ArticlePage
from treatments.models import TreatmentPage

from .models import StandardPage

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


@never_cache
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        pages = (
            Page.objects.live()
            .public()
            .type(TreatmentPage, ArticlePage, StandardPage)
            .filter(locale=Locale.get_active())  # the address's language: /es/search/ in Spanish
            .specific()
            .search(query)
        )
        results_page = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "home/search_results.html", {"query": query, "results_page": results_page}
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /es/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
