"""The fees page, the editorial policy and the accessibility statement: linked from the footer
once the clinic settings name them, the Good Faith Estimate reached from the booking page, and
all three made by the demo loader."""

import re

import pytest
from django.core.management import call_command

import booking.demo
from clinic.documents.demo import load_section
from clinic.editorial.fees import Fee
from clinic.practice.details import ClinicSettings
from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

FOOTER_LINKS = {
    "fees_page": "Fees and insurance",
    "editorial_policy_page": "How we write our pages",
    "accessibility_page": "Accessibility statement",
}
GOOD_FAITH_LINK = "You have the right to a Good Faith Estimate"


def footer(client, url="/"):
    text = client.get(url).content.decode()
    return text[text.index('<footer class="site-footer"') :]


def link_settings(site, **pages):
    clinic = ClinicSettings.for_site(site)
    for name, page in pages.items():
        setattr(clinic, name, page)
    clinic.save()


def test_the_footer_links_to_the_pages_the_settings_name(client, site, home_page):
    pages = {
        name: StandardPageFactory(parent=home_page, slug=name.replace("_", "-"))
        for name in FOOTER_LINKS
    }
    link_settings(site, **pages)
    text = footer(client)
    for name, label in FOOTER_LINKS.items():
        assert f'<a href="{pages[name].url}">{label}</a>' in text
    assert '<nav class="container site-footer__links" aria-label="About this website">' in text


def test_the_footer_leaves_out_what_is_not_set(client, site, home_page):
    link_settings(site, accessibility_page=StandardPageFactory(parent=home_page))
    text = footer(client)
    assert "Accessibility statement" in text
    assert "Fees and insurance" not in text
    assert "How we write our pages" not in text


def test_no_footer_links_when_none_is_set(client, site):
    text = footer(client)
    assert "site-footer__links" not in text
    for label in FOOTER_LINKS.values():
        assert label not in text


def test_a_page_that_is_not_live_is_not_linked(client, site, home_page):
    draft = StandardPageFactory(parent=home_page, live=False)
    link_settings(site, fees_page=draft)
    assert "Fees and insurance" not in footer(client)


@pytest.fixture
def booking_page(home_page):
    return load_section(booking.demo, home_page)


def test_the_booking_page_links_to_the_good_faith_estimate_only_with_a_fees_page(
    client, site, home_page, booking_page
):
    assert GOOD_FAITH_LINK not in client.get(booking_page.url).content.decode()
    fees = StandardPageFactory(parent=home_page, slug="fees")
    link_settings(site, fees_page=fees)
    text = client.get(booking_page.url).content.decode()
    assert f'<a href="/fees/#good-faith-estimate">{GOOD_FAITH_LINK}</a>' in text


# The demo site


@pytest.fixture
def demo(site):
    call_command("load_demo_content")
    return ClinicSettings.for_site(site)


def test_the_demo_makes_the_three_pages_and_links_them_from_the_settings(client, demo):
    expected = {
        "fees_page": ("fees", "Fees and insurance"),
        "editorial_policy_page": ("editorial-policy", "How we write and review our pages"),
        "accessibility_page": ("accessibility", "Accessibility statement"),
    }
    for name, (slug, title) in expected.items():
        page = getattr(demo, name)
        assert (page.slug, page.title, page.live) == (slug, title, True)
        assert isinstance(page.specific, StandardPage)
        assert not page.show_in_menus
    text = footer(client, "/about/")
    for label in FOOTER_LINKS.values():
        assert label in text


def test_the_booking_pages_link_reaches_the_notice_on_the_demo_fees_page(client, demo):
    booking = client.get(demo.booking_page.url).content.decode()
    href = re.search(rf'<a href="([^"]+)">{GOOD_FAITH_LINK}</a>', booking)[1]
    path, anchor = href.split("#")
    assert path == demo.fees_page.url
    fees = client.get(path).content.decode()
    heading = re.search(rf'<h2 id="{anchor}"[^>]*>([^<]+)</h2>', fees)
    assert heading and heading[1] == "Good Faith Estimate"
    notice = fees[heading.end() :]
    assert "400 dollars or more" in notice
    assert "www.cms.gov/nosurprises" in notice
    assert "1-800-985-3059" in notice


def test_the_demo_fees_page_lists_every_fee_and_the_treatments_their_own(client, demo):
    fees = client.get(demo.fees_page.url).content.decode()
    for fee in Fee.objects.all():
        assert fee.service in fees
        assert fee.price in fees
    infusion = client.get("/treatments/ketamine-infusion-therapy/").content.decode()
    assert Fee.objects.get(service="Ketamine infusion session").price in infusion
    assert "KAP ketamine session" not in infusion
    assert 'href="/fees/">All fees and insurance</a>' in infusion


def test_loading_again_keeps_the_links_and_fees_an_editor_changed(demo, home_page):
    other = StandardPage.objects.get(slug="about")
    demo.accessibility_page = other
    demo.save()
    fee = Fee.objects.get(service="Ketamine infusion session")
    fee.price_from = 499
    fee.save()
    count = Fee.objects.count()

    call_command("load_demo_content")

    clinic = ClinicSettings.objects.get(pk=demo.pk)
    assert clinic.accessibility_page_id == other.pk
    assert clinic.fees_page.slug == "fees"
    assert Fee.objects.count() == count
    assert Fee.objects.get(pk=fee.pk).price == "$499 per session"
