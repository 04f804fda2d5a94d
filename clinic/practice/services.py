"""What a visitor can ask to book: the live pages of every page type that offers a service.

A page type offers one by setting `bookable_service = True` (treatment pages do). The booking
form reads them here, so a new treatment is bookable the moment it goes live, and `clinic`
still imports no app.
"""

NOT_SURE = "not-sure"
NOT_SURE_LABEL = "Not sure yet"


def service_page_models():
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if getattr(model, "bookable_service", False)]


def service_pages(language=None):
    """The live, public service pages, in the order of the page tree; with a language code,
    only those in that language (a booking form offers the pages of its own edition)."""
    from wagtail.models import Page

    models = service_page_models()
    if not models:
        return Page.objects.none()
    pages = Page.objects.type(*models).live().public().order_by("path")
    return pages.filter(locale__language_code=language) if language else pages
