import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_unknown_address_gives_the_404_page_with_crisis_lines(client, home_page):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert "988" in html


@pytest.mark.django_db
def test_500_page_renders_without_touching_the_database():
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string("500.html")
    assert len(queries) == 0
    assert "Something went wrong" in html
    assert 'href="tel:988"' in html
    assert 'href="tel:911"' in html


@pytest.mark.django_db
def test_every_page_links_to_urgent_help_and_has_a_skip_link(client, home_page):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert 'id="main"' in html
    assert "Need help now?" in html
    assert '<html lang="en"' in html
