"""Serving: answering a visitor fast, correctly and safely.

Owns the page cache and what makes it forget (pagecache, invalidation), data shared by every
page and fetched in few queries (shared_data, routing), cached fragments such as article
cards (fragments), compression, pictures resized before a visitor asks (warm_renditions),
the Content-Security-Policy (csp), the one site address (site_url), page titles
(page_titles), the pages for bad requests and failed form checks (bad_requests,
csrf_failure), and the health checks of load balancers and orchestrators, /healthz and
/readyz (health).

May import: nothing else in clinic/; the other packages build on it. Page apps import the
modules named in __all__.
"""

__all__ = ["fragments", "page_titles", "pagecache", "routing", "shared_data", "site_url"]
