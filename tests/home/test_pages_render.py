import re

import pytest

from tests.factories import StandardPageFactory


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


@pytest.mark.django_db
def test_home_page_renders_one_h1_and_a_booking_call_to_action(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(html) == 1
    assert "Book a consultation" in html


@pytest.mark.django_db
def test_standard_page_renders_one_h1(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    response = client.get(page.url)
    assert response.status_code == 200
    assert h1_count(response.content.decode()) == 1
