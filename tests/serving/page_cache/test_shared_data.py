"""What every page shows (settings, menu, a listing's count and topics) is read once per
change and shared by every view (clinic.serving.pagecache.remember), and is never stale."""

import pytest
from wagtail.models import Page

from clinic.practice.details import ClinicSettings
from clinic.serving import pagecache
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False  # every view renders: this is the layer below pages


def view(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_settings_and_menu_are_read_once_per_change_not_per_view(client, home_page, settings):
    about = StandardPageFactory(parent=home_page, title="About the clinic", show_in_menus=True)
    view(client, "/")
    # Rows changed behind the app's back (no signal): the shared copies are still used...
    ClinicSettings.objects.update(phone="(555) 010-0111")
    Page.objects.filter(pk=about.pk).update(title="Changed quietly")
    html = view(client, "/")
    assert ">About the clinic</a>" in html and "(555) 010-0111" not in html

    settings.SHARED_DATA_CACHE = False  # ...which, without a shared cache, are read every view
    html = view(client, "/")
    assert ">Changed quietly</a>" in html and "(555) 010-0111" in html


def test_a_settings_change_shows_on_the_next_view(client, site, home_page):
    view(client, "/")
    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0199"
    clinic.save()

    assert "(555) 010-0199" in view(client, "/")


def test_the_menu_follows_publishing(client, home_page):
    view(client, "/")
    about = StandardPageFactory(parent=home_page, title="About the clinic", show_in_menus=True)
    assert ">About the clinic</a>" in view(client, "/")

    about.unpublish()
    assert ">About the clinic</a>" not in view(client, "/")


def test_a_listing_count_and_topics_follow_publishing(client, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    topic = TopicFactory(name="Integration")
    ArticlePageFactory.create_batch(12, parent=index, topic=topic)
    html = view(client, index.url)
    assert "page 1 of 2" not in html and ">Sleep</a>" not in html

    ArticlePageFactory(parent=index, topic=TopicFactory(name="Sleep"))
    html = view(client, index.url)
    assert "page 1 of 2" in html and ">Sleep</a>" in html


def test_pages_render_when_the_shared_cache_is_unreachable(client, site, home_page, monkeypatch):
    def unreachable():
        def get_many(keys):
            raise ConnectionError("cache down")

        return get_many

    monkeypatch.setattr(pagecache, "cache_get_many_lazily", unreachable)
    assert ClinicSettings.for_site(site).name in view(client, "/")
