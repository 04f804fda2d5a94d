"""Factories for the self-check."""

import datetime

import factory

from selfcheck.models import BAND_FIELDS, SelfCheckPage
from tests.factories import PersonFactory, SignedOffPageFactory


def band_texts():
    """A reviewed-looking paragraph per band that names its band, so a test can tell them apart."""
    return {
        name: factory.LazyFunction(lambda name=name: f"<p>Band text {name}.</p>")
        for _, _, name in BAND_FIELDS
    }


class SelfCheckPageFactory(SignedOffPageFactory):
    """A live, signed-off self-check page: SelfCheckPageFactory(parent=home_page)."""

    class Meta:
        model = SelfCheckPage

    title = "Check your mood"
    slug = "check-your-mood"
    intro = "<p>A short private check of how you have been feeling.</p>"
    next_steps = "<p>Next steps text for every result.</p>"
    last_reviewed = datetime.date(2026, 11, 2)
    next_review_due = datetime.date(2027, 11, 2)
    reviewer = factory.SubFactory(PersonFactory)
    locals().update(band_texts())
