"""sitemap.xml: the live, public pages of every language's tree, each listing its translations.

Wagtail's own sitemap lists the pages below the site's root page, which is the English home
page: the Spanish tree, below the home page's translation, would be missing. Each page's
entry names every live translation of it, itself included, and x-default (the English page),
as <xhtml:link rel="alternate" hreflang>: the same set on each, so they are reciprocal.
"""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from clinic.serving.language import hreflang_links
from clinic.serving.shared_data import public


class ClinicSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for home in homes.only("path"):
            in_a_tree |= Q(path__startswith=home.path)
        pages = public(Page.objects.live().filter(in_a_tree))
        return pages.select_related("locale").order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        for each in pages:
            translations[each.translation_key].append(each)
        urls = []
        for each in pages:
            links = hreflang_links(translations[each.translation_key], self.request)
            own = each.get_full_url(self.request)
            for info in each.get_sitemap_urls(self.request):
                if links and info["location"] == own:
                    info = {
                        **info,
                        "alternates": [{"lang_code": c, "location": u} for c, u in links],
                    }
                urls.append(info)
        last_mods = {info.get("lastmod") for info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
