"""Private pages stay private while public pages skip Wagtail's two queries for restrictions
(clinic.serving.shared_data: the restricted and alias paths, shared like the menu)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False  # every view is checked and rendered


def protect(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
    )


def asks_for_password(client, url):
    response = client.get(url)
    html = response.content.decode()
    return response.status_code == 200 and 'name="password"' in html


def test_a_public_page_is_served_without_a_restriction_query(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About the clinic")
    client.get(page.url)  # the shared paths are read once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200 and "About the clinic" in response.content.decode()
    assert not [q for q in queries if "pageviewrestriction" in q["sql"]]


def test_a_protected_page_and_the_pages_below_it_ask_for_the_password(client, home_page):
    private = StandardPageFactory(parent=home_page, title="Staff notes")
    below = StandardPageFactory(parent=private, title="Rota")
    protect(private)
    assert asks_for_password(client, private.url)
    assert asks_for_password(client, below.url)
    assert "Rota" not in client.get(below.url).content.decode()


def test_a_restriction_added_after_a_view_applies_on_the_next_view(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Team notes")
    assert not asks_for_password(client, page.url)
    restriction = protect(page)
    assert asks_for_password(client, page.url)
    restriction.delete()
    assert not asks_for_password(client, page.url)


def test_an_alias_of_a_protected_page_asks_for_the_password(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Section")
    original = StandardPageFactory(parent=section, title="Original")
    alias = original.create_alias(parent=home_page, update_slug="alias-of-original")
    protect(original)
    assert asks_for_password(client, alias.url)


def test_protected_articles_stay_out_of_listings_feeds_and_the_home_page(client, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    ArticlePageFactory(parent=index, title="An open article")
    hidden = ArticlePageFactory(parent=index, title="A protected article")
    protect(hidden)
    for url in ("/", index.url, index.url + "feed/rss/"):
        html = client.get(url).content.decode()
        assert "An open article" in html, url
        assert "A protected article" not in html, url
