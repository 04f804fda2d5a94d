import datetime

import pytest

from clinic.practice.details import ClinicSettings
from tests.factories import crisis_line
from tests.selfcheck.factories import SelfCheckPageFactory


@pytest.fixture
def self_check_page(home_page):
    """The live, signed-off "Check your mood" page at /check-your-mood/."""
    return SelfCheckPageFactory(parent=home_page)


@pytest.fixture
def demo_clinic(site):
    """The clinic's phone, hours and crisis lines as the demo content has them
    (content/settings.yaml): 911 to call, 988 to call or text."""
    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0140"
    clinic.opening_hours = [
        (
            "hours",
            {
                "label": "Monday to Friday",
                "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                "opens": datetime.time(8, 30),
                "closes": datetime.time(18, 0),
            },
        )
    ]
    clinic.crisis_lines = [
        crisis_line(
            name="Emergency services",
            description="If you or someone else is in immediate danger, call 911.",
            phone="911",
            emergency=True,
        ),
        crisis_line(
            name="988 Suicide & Crisis Lifeline",
            description="Call or text 988, or chat online. Free and confidential, 24 hours a day.",
            phone="988",
            sms="988",
            url="https://988lifeline.org/",
            emergency=False,
        ),
    ]
    clinic.save()
    return clinic
