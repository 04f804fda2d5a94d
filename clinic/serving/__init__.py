"""Serving: answering a visitor fast, correctly and safely.

Owns the page cache and what makes it forget (pagecache, invalidation), data shared by every
page and fetched in few queries (shared_data, routing), cached fragments such as article
cards (fragments), the shared cache failing soft when Redis is lost (resilient_cache),
compression, pictures resized before a visitor asks (warm_renditions), the
Content-Security-Policy (csp), media on object storage (media_storage), the one site address
(site_url), page titles (page_titles), the language of an address and a page's other
languages (language: English unprefixed, Spanish under /es/, hreflang, the switcher), the
sitemap of both languages (sitemap), the pages for bad requests and failed form checks
(bad_requests, csrf_failure), what is answered while the database is down, from copies kept
for it (database_down, outage_copies), and the health checks of load balancers and
orchestrators, /healthz and /readyz (health).

May import: nothing else in clinic/; the other packages build on it. Page apps import the
modules named in __all__.
"""

__all__ = [
    "database_down",
    "fragments",
    "language",
    "outage_copies",
    "page_titles",
    "pagecache",
    "resilient_cache",
    "routing",
    "shared_data",
    "site_url",
]
