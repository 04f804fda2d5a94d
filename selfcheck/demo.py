"""Demo content for the self-check: its page, from content/check-your-mood.md.

The document holds the reviewed words around the instruments (the introduction, what each band
means, the next steps); the instruments themselves are not content. The clinic settings point
at the page, so treatment pages and the booking page link to it.
"""

from wagtail.models import Site

from clinic.documents.demo import REVIEW_FIELDS
from clinic.editorial.people import Person
from clinic.practice.details import ClinicSettings

from .models import BAND_FIELDS, SelfCheckPage

BAND_NAMES = [name for _, _, name in BAND_FIELDS]
PAGE_FIELDS = {"title", "intro", "next_steps", *BAND_NAMES, *REVIEW_FIELDS}


def load(content, home_page):
    """Create the self-check page once. Running it again changes nothing."""
    doc = content.document("check-your-mood")
    doc.check_keys(PAGE_FIELDS)
    people = {person.name: person for person in Person.objects.all()}
    doc.known("reviewer", people, "reviewer", "content/people.yaml")
    page = content.page(
        home_page,
        SelfCheckPage,
        doc,
        intro=doc.html("intro"),
        next_steps=doc.html("next_steps"),
        **{name: doc.html(name) for name in BAND_NAMES},
        last_reviewed=doc.require("last_reviewed"),
        next_review_due=doc.meta.get("next_review_due"),
        reviewer=people[doc.require("reviewer")],
    )
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    if clinic.self_check_page_id is None:
        clinic.self_check_page = page
        clinic.save()
    return page
