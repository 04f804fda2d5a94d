"""A NUL byte (which PostgreSQL refuses in text) in a query parameter or a path gets a normal
page, never a 500: clinic/serving/bad_requests.py strips it before any view or middleware queries.
Run on SQLite and on PostgreSQL (DATABASE_URL), where the old code raised DataError."""

import pytest

from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    ArticlePageFactory(parent=index, title="Sleep and low mood", tags=["sleep"])
    return index


@pytest.mark.parametrize(
    "address",
    [
        "/search/?q=%00",
        "/search/?q=sleep%00",
        "/search/?q=sl%00eep&page=%00",
        "/search/?q%00=sleep",
        "/?utm_source=%00",
        "/articles/?page=1%00",
        "/articles/?page=%001",
        "/articles/tag/sleep/?page=1%00",
    ],
)
def test_a_nul_in_a_query_parameter_gets_a_normal_page(client, articles, address):
    response = client.get(address)
    assert response.status_code == 200


@pytest.mark.parametrize("address", ["/articles/?page=%00", "/articles/tag/sleep/?page=9%00"])
def test_a_listing_page_number_that_is_nul_or_out_of_range_gets_the_not_found_page(
    client, articles, address
):
    """As any page number that is not one of the listing's (blog/models/index.py)."""
    response = client.get(address)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_the_search_runs_on_what_remains(client, articles):
    response = client.get("/search/?q=sl%00eep")
    assert response.status_code == 200
    assert response.context["query"] == "sleep"
    assert "Sleep and low mood" in response.content.decode()


@pytest.mark.parametrize("address", ["/%00/", "/articles/%00/", "/articles/tag/%00/"])
def test_a_nul_in_the_path_gets_the_not_found_page(client, articles, address):
    response = client.get(address)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_a_nul_in_an_admin_search_gets_a_normal_page(client, superuser, articles):
    client.force_login(superuser)
    assert client.get("/admin/pages/search/?q=%00").status_code == 200
    assert client.get("/admin/pages/?q=sl%00eep").status_code == 200
