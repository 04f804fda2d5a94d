"""Too large or malformed requests get the clinic's own calm page (413 or 400), with the
phone and the crisis lines, never a 500 or Django's bare "Bad Request (400)"."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def assert_calm_page_with_help(response):
    html = response.content.decode()
    assert "<h1>Bad Request (400)</h1>" not in html
    assert 'href="tel:5550100140"' in html
    assert "Test Crisis Line" in html
    return html


@pytest.fixture
def client(home_page):
    """As in production: with its cookie set, the CSRF check reads every POST's body first."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    return client


def test_too_large_a_post_gets_the_413_page(client, home_page, clinic_contacts, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/", {"message": "x" * 2000})
    assert response.status_code == 413
    html = assert_calm_page_with_help(response)
    assert "Sorry, that was too much to send in one go" in html
    assert "nothing was saved" in html


def test_too_many_fields_gets_the_413_page(client, home_page, clinic_contacts, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.post("/", {f"field{number}": "x" for number in range(10)})
    assert response.status_code == 413
    assert "too much to send" in assert_calm_page_with_help(response)


def test_another_bad_request_gets_the_400_page(home_page, clinic_contacts):
    """A host outside ALLOWED_HOSTS, which Django refuses with a 400 (as a scanner sends)."""
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in assert_calm_page_with_help(response)
