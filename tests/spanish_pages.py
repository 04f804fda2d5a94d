"""Spanish translations of pages, published, for the tests of the Spanish edition (/es/)."""

from wagtail.models import Locale


def spanish_locale():
    return Locale.objects.get(language_code="es")  # clinic/migrations/0022_spanish_locale.py


def published_in_spanish(page):
    """The page's Spanish translation, published; parents with no Spanish version yet become
    Spanish aliases of the English ones, as Wagtail's "Translate" makes them."""
    spanish = page.copy_for_translation(spanish_locale(), copy_parents=True)
    spanish.specific.save_revision().publish()
    return type(page).objects.get(pk=spanish.pk)
