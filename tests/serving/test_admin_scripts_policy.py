"""The admin's script policy: its inline scripts run only if they carry this response's
nonce, and only Wagtail's own script templates and widgets print it (clinic/serving/csp.py). A
`<script>` that reached an admin page any other way stays blocked."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from clinic.editorial.people import Person
from clinic.editorial.references import Reference

INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
INJECTED = "<script>alert(1)</script>"

pytestmark = pytest.mark.django_db


def policy_nonce(response):
    script_src = response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert "unsafe-inline" not in script_src and "sha256-" not in script_src
    found = re.search(r"'nonce-([^']+)'", script_src)
    return found.group(1) if found else None


def runnable_inline_scripts(html):
    """(attributes, code) of each inline script a browser would run (JSON data is not run)."""
    return [
        (attributes, code)
        for attributes, code in INLINE_SCRIPT.findall(html)
        if "src=" not in attributes and "json" not in attributes
    ]


@pytest.mark.urls("tests.serving.csp_injection_urls")
def test_an_injected_script_in_an_admin_page_gets_no_nonce(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/injected/", {"typed": INJECTED})
    html = response.content.decode()
    nonce = policy_nonce(response)
    assert INJECTED in html  # exactly as injected: no nonce added to it
    date_picker = [a for a, code in runnable_inline_scripts(html) if "initDateChooser" in code]
    assert date_picker == [f' nonce="{nonce}"']  # while Wagtail's own widget script runs


def test_an_admin_page_without_wagtail_scripts_allows_no_inline_script(client):
    response = client.get("/admin/login/")
    assert policy_nonce(response) is None


@pytest.fixture
def demo_site(home_page):
    call_command("load_demo_content")


def staff_pages():
    """The admin pages staff use every day, each with the scripts Wagtail prints."""
    treatment = Page.objects.get(slug="ketamine-infusion-therapy")
    article = Page.objects.type(Page.objects.get(slug="articles").specific_class).first()
    booking = Page.objects.get(slug="book-a-consultation")
    return [
        "/admin/",
        f"/admin/pages/{treatment.get_parent().pk}/",
        f"/admin/pages/{treatment.pk}/edit/",
        f"/admin/pages/{treatment.pk}/history/",
        f"/admin/pages/{booking.pk}/edit/",
        f"/admin/pages/{article.get_children().first().pk}/edit/",
        f"/admin/snippets/clinic/person/edit/{Person.objects.first().pk}/",
        f"/admin/snippets/clinic/reference/edit/{Reference.objects.first().pk}/",
        "/admin/reports/site-history/",
        "/admin/settings/clinic/clinicsettings/",
        "/admin/booking/requests/",
    ]


def test_wagtail_admin_scripts_carry_the_nonce_on_every_staff_page(client, demo_site, superuser):
    client.force_login(superuser)
    for path in staff_pages():
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        scripts = runnable_inline_scripts(response.content.decode())
        nonce = policy_nonce(response)
        signed = f'nonce="{nonce}"'
        unsigned = [code[:60] for attributes, code in scripts if signed not in attributes]
        assert not unsigned, (path, unsigned)
