"""What a shared link shows (Open Graph and Twitter cards), and the browser features the site
switches off (Permissions-Policy)."""

import html as html_module
import re

import pytest

from clinic.practice.details import ClinicSettings
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import ImageFactory, signed_off_and_published
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


def meta(html, name):
    """The content of <meta property|name="name">, or None."""
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return html_module.unescape(found.group(1)) if found else None


@pytest.fixture
def clinic_settings(site):
    settings = ClinicSettings.for_site(site)
    settings.name, settings.tagline = "Northbridge Mind Clinic", "Careful ketamine therapy."
    settings.save()
    return settings


def test_the_home_page_is_shared_as_the_clinic_and_its_tagline(client, home_page, clinic_settings):
    html = client.get("/").content.decode()
    assert meta(html, "og:title") == "Northbridge Mind Clinic: Careful ketamine therapy."
    assert meta(html, "twitter:title") == meta(html, "og:title")


def test_a_page_is_shared_as_a_large_image_card_with_its_pictures_own_alt_text(
    client, home_page, clinic_settings
):
    picture = ImageFactory(description="A quiet treatment room with an armchair by a window")
    index = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=index, title="Sleep after a session", hero_image=picture, hero_image_alt=""
    )
    html = client.get(article.url).content.decode()
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:title") == meta(html, "twitter:title") == "Sleep after a session"
    assert meta(html, "og:image") == meta(html, "twitter:image")
    assert meta(html, "og:image").startswith("http://testserver/")
    assert meta(html, "og:image:alt") == picture.description
    assert meta(html, "twitter:image:alt") == picture.description

    article.hero_image_alt = "Morning light on an unmade bed"
    signed_off_and_published(article)
    html = client.get(article.url).content.decode()
    assert meta(html, "og:image:alt") == "Morning light on an unmade bed"


def test_a_page_without_a_picture_is_shared_with_the_clinics_default_image(
    client, home_page, clinic_settings
):
    default = ImageFactory(description="The clinic's front door on Harbor Street")
    clinic_settings.share_image = default
    clinic_settings.save()
    index = TreatmentIndexPageFactory(parent=home_page)
    treatment = TreatmentPageFactory(parent=index, hero_image=None)
    for page in (index, treatment):
        html = client.get(page.url).content.decode()
        assert meta(html, "og:image"), page.url
        assert meta(html, "og:image:alt") == "The clinic's front door on Harbor Street"


def test_a_picture_without_a_description_gets_no_alt_rather_than_the_title(
    client, home_page, clinic_settings
):
    index = TreatmentIndexPageFactory(parent=home_page)
    treatment = TreatmentPageFactory(parent=index, hero_image=ImageFactory(description=""))
    html = client.get(treatment.url).content.decode()
    assert meta(html, "og:image")
    assert meta(html, "og:image:alt") is None
    assert meta(html, "twitter:image:alt") is None


def test_no_image_and_no_default_means_no_image_tags(client, home_page, clinic_settings):
    html = client.get("/").content.decode()
    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary_large_image"


@pytest.mark.parametrize("cache", [False, True], ids=["rendered", "from the page cache"])
def test_pages_switch_off_the_browser_features_the_site_never_uses(
    client, home_page, settings, cache
):
    settings.PAGE_CACHE_ENABLED = cache
    client.get("/")
    policy = client.get("/")["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()", feature
    # Video embeds keep what they need.
    assert not {"autoplay", "fullscreen", "picture-in-picture"} & set(features)
