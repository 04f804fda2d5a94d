import pytest
from django.core.cache import cache
from wagtail.models import Site

from clinic.practice.details import ClinicSettings
from clinic.security.groups import BOOKING_MANAGERS, CLINICAL_REVIEWERS, CLINICIANS
from home.models import HomePage
from scripts.servers import free_ports

from .factories import SuperuserFactory, UserFactory, crisis_line


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolling back a test's rows sends no signal, so
    what the cache remembers of them (pages, shared data, cards, rate-limit counts) would
    outlive them."""
    cache.clear()


@pytest.fixture
def site(db):
    """The default site, with its clinic settings made up front as on a running site
    (Wagtail makes them on the first page view, and that save rightly makes whatever the
    shared cache remembers stale, so query counts of that first view would differ)."""
    site = Site.objects.get(is_default_site=True)
    ClinicSettings.for_site(site)
    return site


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


@pytest.fixture
def clinic_contacts(site):
    """The clinic's phone and one crisis line, as the pages that help a visitor show them."""
    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0140"
    clinic.crisis_lines = [crisis_line(name="Test Crisis Line", phone="555 0199")]
    clinic.save()
    return clinic


def pytest_configure(config):
    """Serve browser tests below 32768: ports above are handed to client sockets here."""
    if not config.getoption("liveserver", None):
        config.option.liveserver = f"127.0.0.1:{free_ports(1, 20000, 30000)[0]}"
