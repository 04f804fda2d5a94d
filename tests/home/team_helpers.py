"""The team page and its people, for the profile tests: each test module makes its own
fixtures from these."""

import datetime
import json
import re

import wagtail_factories

from clinic.practice.details import ClinicSettings
from home.models import TeamPage
from tests.factories import PersonFactory


class TeamPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TeamPage

    title = "Our team"
    slug = "team"
    intro = "The people who care for you."


def make_team_page(home_page, site):
    """A live team page at /team/, named in the clinic settings."""
    page = TeamPageFactory(parent=home_page)
    clinic = ClinicSettings.for_site(site)
    clinic.team_page = page
    clinic.save()
    return page


def make_okafor():
    """A person with every part of a profile filled in."""
    return PersonFactory(
        name="Dr. Amara Okafor",
        credentials="MD, board-certified psychiatrist",
        role="Medical director",
        care_role="prescribing psychiatrist",
        bio="Dr. Okafor leads the medical team.",
        specialties="mood disorders, treatment-resistant depression",
        languages="English, French",
        education="Doctor of Medicine (MD)\nResidency in psychiatry",
        board_certification="Psychiatry, American Board of Psychiatry and Neurology",
        licence_type="Physician (MD)",
        licence_state="NH",
        licence_number="TEST-0001",
        licence_lookup_url="https://forms.nh.gov/licenseverification/",
        licence_verified=datetime.date(2026, 9, 1),
        accepting_new_patients=True,
    )


def make_retired_person():
    return PersonFactory(name="Dr. Former Colleague", credentials="MD", retired=True)


def json_ld(html):
    """Every JSON-LD object of a page, parsed."""
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(script) for script in scripts]


def of_type(objects, kind):
    return next(data for data in objects if data["@type"] == kind)
