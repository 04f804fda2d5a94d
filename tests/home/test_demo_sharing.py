"""The demo site is shared with a picture and its description on every public page type: a
default share image for pages without a picture of their own (the article index, tag and topic
pages...), and plain descriptions of every demo picture (content/pictures.yaml)."""

import html as html_module
import re

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from blog.models import ArticleIndexPage, ArticleTag, Topic
from clinic.editorial.people import Person
from clinic.practice.details import ClinicSettings

pytestmark = pytest.mark.django_db


def meta(html, name):
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return html_module.unescape(found.group(1)) if found else None


@pytest.fixture
def demo(site):
    call_command("load_demo_content")


def public_addresses(site):
    """One address of every live page type, and the pages its routes serve (tag, topic, a
    clinician's profile)."""
    addresses = {}
    for page in Page.objects.live().public().exclude(depth=1).specific():
        addresses.setdefault(type(page).__name__, page.url)
    index = ArticleIndexPage.objects.live().get(locale__language_code="en")
    tag = ArticleTag.objects.select_related("tag").first().tag
    addresses["tag page"] = f"{index.url}tag/{tag.slug}/"
    addresses["topic page"] = f"{index.url}topic/{Topic.objects.first().slug}/"
    person = Person.objects.filter(retired=False).exclude(slug=None).first()
    addresses["profile"] = f"{ClinicSettings.for_site(site).team_page.url}{person.slug}/"
    return addresses


def test_the_demo_has_a_default_share_image_with_a_description(demo, site):
    image = ClinicSettings.for_site(site).share_image
    assert image is not None
    assert image.description


def test_every_demo_picture_has_a_description(demo):
    images = get_image_model().objects.all()
    assert images.count() >= 17
    assert not [image.title for image in images if not image.description.strip()]


def test_every_public_page_type_is_shared_with_an_image_and_its_alt_text(client, demo, site):
    addresses = public_addresses(site)
    expected = {
        "HomePage",
        "StandardPage",
        "TeamPage",
        "CrisisHelpPage",
        "TreatmentIndexPage",
        "TreatmentPage",
        "ArticleIndexPage",
        "ArticlePage",
        "BookingFormPage",
    }
    assert expected <= set(addresses)
    for kind, url in addresses.items():
        response = client.get(url)
        assert response.status_code == 200, (kind, url)
        html = response.content.decode()
        assert meta(html, "og:image"), (kind, url)
        assert meta(html, "og:image:alt"), (kind, url)
        assert meta(html, "twitter:image:alt") == meta(html, "og:image:alt"), (kind, url)


def test_a_demo_made_before_descriptions_gets_them_and_keeps_an_editors(demo, site):
    images = get_image_model().objects.order_by("pk")
    images.update(description="")
    edited = images.first()
    edited.description = "An editor's own words for this picture."
    edited.save()
    clinic = ClinicSettings.for_site(site)
    clinic.share_image = None
    clinic.save()

    call_command("load_demo_content")
    assert not images.filter(description="").exists()
    edited.refresh_from_db()
    assert edited.description == "An editor's own words for this picture."
    assert ClinicSettings.for_site(site).share_image is not None
