import datetime
import logging

import pytest
import time_machine
from django.core.cache import cache
from wagtail.models import Site

from clinic.practice.details import ClinicSettings
from clinic.security.groups import BOOKING_MANAGERS, CLINICAL_REVIEWERS, CLINICIANS
from clinic.serving import resilient_cache
from home.models import HomePage
from scripts.servers import free_ports
from tests.editorial import sources_data
from tests.factories import PersonFactory, SuperuserFactory, UserFactory, crisis_line
from tests.home.team_helpers import make_okafor, make_retired_person, make_team_page
from tests.object_storage import running_bucket
from tests.throwaway_redis import FakeClock, ThrowawayRedis, resilient_cache_settings
from tests.treatments.factories import TreatmentIndexPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolling back a test's rows sends no signal, so
    what the cache remembers of them (pages, shared data, cards, rate-limit counts) would
    outlive them."""
    cache.clear()


@pytest.fixture(scope="session")
def media_bucket():
    """The media bucket on moto's S3-compatible server, started for the session that asks for
    it (tests/object_storage.py)."""
    with running_bucket() as bucket:
        yield bucket


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
    return HomePage.objects.get(locale__language_code="en")


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


# Pages, people and sources many folders use.


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
    """Today is TODAY of tests/editorial/review_dates.py, 1 June 2026, and time stands still."""
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False):
        yield


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
def team_page(home_page, site):
    return make_team_page(home_page, site)


@pytest.fixture
def okafor(db):
    return make_okafor()


@pytest.fixture
def retired_person(db):
    return make_retired_person()


def pytest_configure(config):
    """Serve browser tests below 32768: ports above are handed to client sockets here."""
    if not config.getoption("liveserver", None):
        config.option.liveserver = f"127.0.0.1:{free_ports(1, 20000, 30000)[0]}"


# Redis of a test's own (tests/throwaway_redis.py), for what happens when Redis is lost.


@pytest.fixture
def redis_server(tmp_path):
    server = ThrowawayRedis(tmp_path)
    server.start()
    yield server
    if server.answering():
        server.stop()


@pytest.fixture
def redis_clock(monkeypatch):
    """A fresh view of Redis's health for this process, on a clock the test moves."""
    clock = FakeClock()
    monkeypatch.setattr(resilient_cache, "clock", clock)
    monkeypatch.setattr(resilient_cache, "health", resilient_cache._Health())
    resilient_cache._local_counts.clear()
    return clock


@pytest.fixture
def redis_cache(settings, redis_server, redis_clock):
    """The shared cache on the throwaway Redis, as with REDIS_URL: the page cache and shared
    data on, and the warnings of clinic.serving.resilient_cache kept for the test to read."""
    settings.CACHES = resilient_cache_settings(redis_server.url())
    settings.PAGE_CACHE_ENABLED = True
    settings.SHARED_DATA_CACHE = True
    return redis_server


@pytest.fixture
def clinic_logs(caplog):
    """What the clinic's loggers say (they do not propagate to the root, where caplog is)."""
    loggers = [logging.getLogger(name) for name in ("clinic", "booking", "django.request")]
    for logger in loggers:
        logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO)
    yield caplog
    for logger in loggers:
        logger.removeHandler(caplog.handler)
