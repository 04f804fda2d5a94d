"""The team page and the profiles are public pages: served from the page cache, and rendered
afresh once a person, the settings or a page changes (clinic/serving/pagecache.py)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, site):
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.parametrize("url", ["/team/", "/team/dr-amara-okafor/"])
def test_the_team_page_and_a_profile_are_cached_like_other_public_pages(
    client, team_page, okafor, url
):
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"]
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize("url", ["/team/", "/team/dr-amara-okafor/"])
def test_editing_a_person_makes_their_cached_pages_stale(client, team_page, okafor, url):
    client.get(url)
    okafor.credentials = "MD, PhD"
    okafor.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "MD, PhD" in response.content.decode()


def test_retiring_a_person_takes_them_off_at_once(client, team_page, okafor):
    assert client.get("/team/dr-amara-okafor/").status_code == 200
    client.get("/team/")
    okafor.retired = True
    okafor.save()
    assert client.get("/team/dr-amara-okafor/").status_code == 410
    assert "Okafor" not in client.get("/team/").content.decode()


def test_the_gone_page_is_never_stored(client, team_page, retired_person):
    for _ in range(2):
        response = client.get(f"/team/{retired_person.slug}/")
        assert response.status_code == 410
        assert response["X-Page-Cache"] == "skip"
        assert "private" in response["Cache-Control"]
