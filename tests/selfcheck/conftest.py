import pytest

from tests.factories import demo_like_clinic
from tests.selfcheck.factories import SelfCheckPageFactory


@pytest.fixture
def self_check_page(home_page):
    """The live, signed-off "Check your mood" page at /check-your-mood/."""
    return SelfCheckPageFactory(parent=home_page)


@pytest.fixture
def demo_clinic(site):
    """The clinic's phone, hours and crisis lines as the demo content has them."""
    return demo_like_clinic(site)
