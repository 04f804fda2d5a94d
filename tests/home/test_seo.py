import json
import re

import pytest
from django.core.management import call_command


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]


@pytest.mark.django_db
def test_home_page_describes_the_clinic_for_search_engines(client, site):
    call_command("load_demo_content")
    html = client.get("/").content.decode()
    clinic = next(data for data in json_ld(html) if data["@type"] == "MedicalClinic")
    assert clinic["name"] == "Northbridge Mind Clinic"
    assert clinic["medicalSpecialty"] == "Psychiatric"
    assert clinic["telephone"] == "(555) 010-0140"
    assert clinic["address"]["postalCode"] == "03801"
    assert clinic["openingHoursSpecification"][0]["opens"] == "08:30"
    assert '<link rel="canonical" href="http://localhost/">' in html
    assert '<meta property="og:site_name" content="Northbridge Mind Clinic">' in html


@pytest.mark.django_db
def test_pages_below_home_have_visible_and_structured_breadcrumbs(client, site):
    call_command("load_demo_content")
    html = client.get("/about/").content.decode()
    assert '<nav class="breadcrumbs container" aria-label="Breadcrumb">' in html
    assert '<a href="/about/" aria-current="page">About the clinic</a>' in html
    trail = next(data for data in json_ld(html) if data["@type"] == "BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]] == ["Home", "About the clinic"]
    assert trail["itemListElement"][1]["item"] == "http://testserver/about/"


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script_element(client, home_page):
    home_page.title = "</script><script>alert(1)</script>"
    home_page.save_revision().publish()
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Child")
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
