"""Rendered fragments (e.g. article cards) kept in the shared cache under a digest of their inputs.

Why: a page-cache miss (right after a publish, every page misses) should not redo work
whose result did not change. A card shows a handful of fields; rendering it means building
a <picture> of six renditions. Keyed by a digest of exactly what it shows, a card rendered
once is reused by every listing, tag page and home page that shows it, across publishes of
other pages.

Never stale: a changed input is a new key. The key also holds the release (a deploy may
change templates or storage URLs) and the digest of the fragment's template source. The one
thing outside the inputs is a rendition file being deleted (a purge of renditions); that
bumps VERSION_KEY, which every entry carries, so all fragments are rendered anew.

Fragments are cached for everyone (signed in or not) since the key says what they show: a
preview of a draft has other inputs, so another key. The cache failing costs speed only.
"""

import hashlib
import logging
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import get_template
from django.utils.translation import get_language
from wagtail.images import get_image_model

from clinic.serving.pagecache import new_token, read_current, release
from clinic.serving.resilient_cache import renew_after_outage

logger = logging.getLogger(__name__)

VERSION_KEY = "fragments:version"
renew_after_outage(VERSION_KEY)  # a purge may have missed Redis: see resilient_cache


def timeout():
    return int(getattr(settings, "FRAGMENT_CACHE_TIMEOUT", 86_400))


def template_digest(name):
    """A digest of a template's source: editing the template makes new keys."""
    if settings.DEBUG:
        return _source_digest.__wrapped__(name)  # templates change under runserver
    return _source_digest(name)


@lru_cache(maxsize=32)
def _source_digest(name):
    return hashlib.sha256(get_template(name).template.source.encode()).hexdigest()[:16]


def fragment_key(template, inputs):
    # The active language too: a card's fixed words ("Read article", "min read", the date)
    # are translated, so an English card must never be served on a Spanish page.
    raw = repr((release(), template, get_language(), *inputs))
    return "fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def bump_version():
    """Every fragment is rendered anew from now on, on every server sharing the cache."""
    new_token(VERSION_KEY)


def render_many(template_name, items, inputs_of, render_missing):
    """HTML of each item, in order: from the cache where present, else render_missing(items)
    (one call for all the misses, so it can fetch what they need at once), then stored.

    inputs_of(item) returns everything the item's HTML depends on (a tuple of plain values).
    """
    if not getattr(settings, "FRAGMENT_CACHE_ENABLED", True):
        return render_missing(items)
    template = template_digest(template_name)
    keys = [fragment_key(template, inputs_of(item)) for item in items]
    try:
        version, html = read_current(keys, token_key=VERSION_KEY)
    except Exception:
        logger.exception("The fragment cache is unreachable; rendering every fragment")
        return render_missing(items)
    if version is None:  # Redis is lost (resilient_cache logs it)
        return render_missing(items)
    missing = [(key, item) for key, item in zip(keys, items, strict=True) if key not in html]
    if missing:
        rendered = render_missing([item for _, item in missing])
        fresh = {key: text for (key, _), text in zip(missing, rendered, strict=True)}
        html.update(fresh)
        try:
            cache.set_many({key: (version, text) for key, text in fresh.items()}, timeout())
        except Exception:
            logger.exception("Could not store fragments in the cache")
    return [html[key] for key in keys]


def picture_inputs(image):
    """What a picture of `image` shows, for a fragment's inputs: its file and focal point."""
    if image is None:
        return None
    return (
        image.pk,
        image.file.name,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
    )


def prefetch_renditions(images, specs):
    """The renditions `specs` of every image in one query, where Wagtail's picture tags look
    first (Image.prefetch_renditions() puts them in the same attribute)."""
    renditions = get_image_model().get_rendition_model().objects
    prefetch_related_objects(
        [image for image in images if image is not None],
        Prefetch(
            "renditions",
            queryset=renditions.filter(filter_spec__in=specs),
            to_attr="prefetched_renditions",
        ),
    )
