"""Fixtures shared by the home app's tests: sources a page cites, and the team's people."""

import pytest

from ..treatments.factories import TreatmentIndexPageFactory
from . import sources_data
from .team_helpers import make_okafor, make_retired_person, make_team_page


@pytest.fixture
def consensus(db):
    return sources_data.consensus()


@pytest.fixture
def label(db):
    return sources_data.label()


@pytest.fixture
def trial(db):
    return sources_data.trial()


@pytest.fixture
def treatment_index(home_page):
    return TreatmentIndexPageFactory(parent=home_page)


@pytest.fixture
def team_page(home_page, site):
    return make_team_page(home_page, site)


@pytest.fixture
def okafor(db):
    return make_okafor()


@pytest.fixture
def retired_person(db):
    return make_retired_person()
