"""A translated health page and the page it translates, in the site's own language.

A translation shares its source's `translation_key`, in another locale. It is a health page of
its own, signed off in its own language (clinic/editorial/signoff.py), and its sign-off also
records the fingerprint of the source's reviewed content at that moment. When the source is
changed and signed off again, its fingerprint moves on: the translation is then out of date
with it (listed in "Pages due for review" and told in its editor) until it is updated and
signed off again. A source signed off again without a change leaves its translations as they are.
"""

from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import PageLogEntry

from clinic.editorial.reviewed_content import SIGN_OFF_ACTION

SOURCE_FINGERPRINT = "source_fingerprint"  # the key in a translation's sign-off entry


def default_language():
    """The site's own content language ("en"), as Wagtail's default locale has it: no query."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def source_of(page):
    """The page this one translates (in the site's default locale), or None for a page in
    that locale or without a counterpart there."""
    language = default_language()
    if page.locale.language_code == language:
        return None
    return page.get_translations().filter(locale__language_code=language).first()


def sign_off_data(page):
    """What a translation's sign-off records about its source: {} for other pages."""
    source = source_of(page)
    if source is None:
        return {}
    return {SOURCE_FINGERPRINT: source.specific.reviewed_fingerprint}


def out_of_date(page):
    """Whether the source was changed and signed off after this translation's last sign-off
    (a translation signed off before sign-offs recorded their source counts as behind)."""
    source = source_of(page)
    if source is None or not source.specific.reviewed_fingerprint:
        return False
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action=SIGN_OFF_ACTION)
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:  # a new translation, never signed off: not behind anything yet
        return False
    return entry.data.get(SOURCE_FINGERPRINT) != source.specific.reviewed_fingerprint


def source_language_name():
    return get_language_info(default_language())["name"]
