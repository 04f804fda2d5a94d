"""A failed CSRF check anywhere else (another page, the admin) gets a calm clinic page, not
Django's technical one."""

import pytest
from django.test import Client

from clinic.models import ClinicSettings

from ..factories import crisis_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic_contacts(site):
    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0140"
    clinic.crisis_lines = [crisis_line(name="Test Crisis Line", phone="555 0199")]
    clinic.save()
    return clinic


@pytest.mark.parametrize("path", ["/admin/login/", "/", "/search/"])
def test_a_failed_security_check_gets_the_clinics_page(path, home_page, clinic_contacts):
    response = Client(enforce_csrf_checks=True).post(path, {"username": "someone"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "CSRF verification failed" not in html
    assert "Sorry, that form could not be sent" in html
    assert 'href="tel:5550100140"' in html
    assert "Test Crisis Line" in html
