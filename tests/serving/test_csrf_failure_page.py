"""A failed CSRF check anywhere else (another page, the admin) gets a calm clinic page, not
Django's technical one."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/login/", "/", "/search/"])
def test_a_failed_security_check_gets_the_clinics_page(path, home_page, clinic_contacts):
    response = Client(enforce_csrf_checks=True).post(path, {"username": "someone"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "CSRF verification failed" not in html
    assert "Sorry, that form could not be sent" in html
    assert 'href="tel:5550100140"' in html
    assert "Test Crisis Line" in html
