import datetime

import pytest
import time_machine

from ..factories import PersonFactory
from .factories import TreatmentIndexPageFactory


@pytest.fixture
def treatment_index(home_page):
    return TreatmentIndexPageFactory(parent=home_page)


@pytest.fixture
def signing_reviewer(reviewer):
    """A Clinical reviewer whose account an administrator linked to their Person."""
    PersonFactory(name="Dr. Amara Okafor", credentials="MD, psychiatrist", user=reviewer)
    return reviewer


@pytest.fixture(autouse=True)
def fake_embed_finder(monkeypatch):
    """Embed validation asks a finder about the URL: answer locally, never over the network."""
    calls = []

    def find(url, max_width=None, max_height=None):
        calls.append(url)
        return {
            "title": "A video",
            "type": "video",
            "html": '<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>',
            "provider_name": "YouTube",
            "author_name": "",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
        }

    monkeypatch.setattr("wagtail.embeds.embeds.get_finder_for_embed", find)
    return calls


@pytest.fixture
def frozen_today():
    """Today is review_dates.TODAY, 1 June 2026, and time stands still."""
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False):
        yield
