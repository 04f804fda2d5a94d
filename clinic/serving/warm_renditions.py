"""No visitor waits for a picture to be resized, nor pays first for a publish.

Wagtail makes an image's rendition (a resized copy) the first time a template asks for it:
without this, the first visitor of a just-published article paid for every size of its hero
image. Instead, when a page is published, or an image that pages show is changed, the pages
that show it are rendered once, as a visitor gets them: the page itself, its parent (an
index's cards) and the home page (featured cards). Every rendition their templates ask for is
made then; and as the request is an anonymous GET through the whole middleware, the page
cache keeps the pages and the shared data (settings, menu, header and footer, related pages)
is read afresh, so their first visitors after the publish get what later ones get. A page a
visitor cannot simply view (a private one) is rendered as a preview instead.

It runs as a task of Django's tasks framework (django_tasks, which Wagtail uses): with the
default immediate backend, in the request that publishes, after its transaction commits; with
a worker backend, in the worker.
"""

import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.db import transaction
from django.test import RequestFactory
from django_tasks import task
from wagtail.models import Page, ReferenceIndex

logger = logging.getLogger(__name__)


@task()
def render_pages(page_ids):
    """Render each live page once, so that every rendition it shows exists."""
    handler = BaseHandler()
    handler.load_middleware()  # the site's middleware, built once for all the pages
    for page in Page.objects.live().filter(pk__in=page_ids).specific():
        try:
            public = not page.get_view_restrictions().exists()
            if not (public and view_as_visitor(handler, page) == 200):
                page.make_preview_request()
        except Exception:
            logger.exception("Could not render page %s to make its renditions", page.pk)


def view_as_visitor(handler, page):
    """The status of an anonymous GET of the page's address, through the whole middleware."""
    url = urlsplit(page.get_full_url() or "")
    if not url.netloc:
        return None
    request = RequestFactory().get(url.path, secure=url.scheme == "https", HTTP_HOST=url.netloc)
    return handler.get_response(request).status_code


def pages_showing(page):
    """The page, its parent and its site's home page: where its pictures appear."""
    ids = {page.pk}
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        ids.add(parent.pk)
    site = page.get_site()
    if site is not None:
        ids.add(site.root_page_id)
    return ids


_pending = threading.local()


def warm_after_commit(page_ids):
    """Render these pages once the transaction commits. A transaction that publishes many pages
    (the demo loader, a bulk import) renders each, and the home page, once: the first callback
    takes every page gathered by then, the others find nothing left."""
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    _pending.ids.update(page_ids)
    transaction.on_commit(enqueue_pending)  # outside a transaction: at once


def enqueue_pending():
    ids, _pending.ids = sorted(getattr(_pending, "ids", ())), set()
    if ids:
        render_pages.enqueue(ids)


def enabled():
    # Off in the test settings: a suite that loads the demo site often needs no pictures.
    return getattr(settings, "WARM_RENDITIONS", True)


def on_page_published(sender, instance, **kwargs):
    if enabled():
        warm_after_commit(pages_showing(instance))


def on_image_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """A new file or focal point drops the image's renditions: make those its pages use."""
    if not enabled() or created or (update_fields is not None and "file" not in update_fields):
        return
    pages = [
        group[0]
        for group in ReferenceIndex.get_grouped_references_to(instance)
        if isinstance(group[0], Page)
    ]
    if pages:
        warm_after_commit({pk for page in pages for pk in pages_showing(page)})
