"""The Content-Security-Policy is enforced in every environment; nothing may break under it."""

from urllib.parse import quote

import pytest
from django.core.management import call_command

from tests.browser.conftest import sign_in
from tests.factories import SuperuserFactory


def watch_for_csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.fixture
def demo_site(home_page):
    call_command("load_demo_content")


def test_public_pages_run_under_the_policy_without_violations(site_page, demo_site):
    violations = watch_for_csp_violations(site_page)
    for path in ["/", "/treatments/", "/articles/", "/book-a-consultation/", "/search/?q=ketamine"]:
        response = site_page.goto(site_page.base_url + path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "object-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert not violations, violations


def test_admin_editor_choosers_and_form_builder_work_under_the_policy(site_page, demo_site):
    from wagtail.models import Page

    from clinic.editorial.people import Person

    sign_in(site_page, SuperuserFactory())
    violations = watch_for_csp_violations(site_page)
    treatment = Page.objects.get(slug="ketamine-infusion-therapy")
    booking = Page.objects.get(slug="book-a-consultation")

    site_page.goto(f"{site_page.base_url}/admin/pages/{treatment.pk}/edit/")
    site_page.get_by_role("button", name="Save draft").wait_for()

    # The image chooser opens in a modal that loads its own scripts.
    person = Person.objects.filter(photo__isnull=True).first()
    site_page.goto(f"{site_page.base_url}/admin/snippets/clinic/person/edit/{person.pk}/")
    site_page.get_by_role("button", name="Choose an image").click()
    site_page.get_by_role("dialog").get_by_role("heading", name="Choose an image").wait_for()

    # The form builder adds a question with its own script.
    site_page.goto(f"{site_page.base_url}/admin/pages/{booking.pk}/edit/")
    field_types = site_page.locator("select[name$='-field_type']")
    before = field_types.count()
    site_page.get_by_role("button", name="Add Questions").last.click()
    assert field_types.count() == before + 1

    assert not violations, violations


@pytest.mark.urls("tests.serving.csp_injection_urls")
def test_a_script_injected_into_an_admin_page_is_blocked_while_wagtails_own_run(
    site_page, home_page
):
    sign_in(site_page, SuperuserFactory())
    violations = watch_for_csp_violations(site_page)
    injected = "<script>document.title = 'INJECTED'</script>"
    site_page.goto(f"{site_page.base_url}/admin/injected/?typed={quote(injected)}")
    site_page.locator("#id_day").click()
    site_page.locator(".xdsoft_datetimepicker").first.wait_for()  # the nonced set-up ran
    assert site_page.title() != "INJECTED"
    assert violations  # the browser refused the injected one
