"""Clinicians can preview a treatment page before it is saved."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory
from tests.treatments.admin_forms import treatment_form_data
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


def test_preview_of_a_new_treatment_page_renders(client, clinician, treatment_index):
    other = TreatmentPageFactory(parent=treatment_index, title="Esketamine nasal spray")
    client.force_login(clinician)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("treatments", "treatmentpage", treatment_index.pk),
    )
    data = treatment_form_data(reviewer=PersonFactory())
    data.update(
        {
            "related_treatments-TOTAL_FORMS": "1",
            "related_treatments-0-treatment": str(other.pk),
            "related_treatments-0-ORDER": "0",
            "related_treatments-0-DELETE": "",
        }
    )
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ketamine infusion therapy" in html
    assert "Esketamine nasal spray" in html  # the related treatment's card
