import pytest
from wagtail.models import Site

from clinic.groups import BOOKING_MANAGERS, CLINICAL_REVIEWERS, CLINICIANS
from home.models import HomePage
from scripts.servers import free_ports

from .factories import SuperuserFactory, UserFactory


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    """The HomePage that the home app's data migration creates on every database."""
    return HomePage.objects.get()


@pytest.fixture
def superuser(db):
    return SuperuserFactory(username="admin")


@pytest.fixture
def clinician(db):
    return UserFactory(username="clinician", groups=[CLINICIANS])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", groups=[CLINICAL_REVIEWERS])


@pytest.fixture
def booking_manager(db):
    return UserFactory(username="manager", groups=[BOOKING_MANAGERS])


def pytest_configure(config):
    """Serve browser tests below 32768: ports above are handed to client sockets here."""
    if not config.getoption("liveserver", None):
        config.option.liveserver = f"127.0.0.1:{free_ports(1, 20000, 30000)[0]}"
