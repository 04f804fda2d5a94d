"""Publishing, unpublishing, moving or deleting a page, and saving what pages show, makes
the next request of every affected page fresh: the page, its index, home, feeds, the
sitemap, tag and topic pages."""

import pytest

from clinic.practice.details import ClinicSettings
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory
from tests.editorial import sources_data
from tests.factories import ImageFactory, PersonFactory, signed_off_and_published
from tests.serving.page_cache.conftest import fetch, warm

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return PersonFactory(name="Dr. Iris Calloway")


@pytest.fixture
def article_index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


@pytest.fixture
def article(article_index, person):
    topic = TopicFactory(name="Integration", slug="integration")
    return ArticlePageFactory(
        parent=article_index,
        title="Sleep after a session",
        slug="sleep-after-a-session",
        teaser="What helps on the evening after a treatment.",
        topic=topic,
        authors=[person],
        tags=["sleep"],
        hero_image=None,
    )


def affected_urls(article_index, article):
    base = article_index.url
    return [
        article.url,
        base,
        "/",
        base + "feed/rss/",
        base + "feed/atom/",
        base + "tag/sleep/",
        base + "topic/integration/",
        "/sitemap.xml",
    ]


def warm_all(client, urls):
    return {url: warm(client, url) for url in urls}


def test_publishing_a_new_title_shows_everywhere_at_once(client, article_index, article):
    urls = affected_urls(article_index, article)
    for url, text in warm_all(client, urls).items():
        if url != "/sitemap.xml":
            assert "Sleep after a session" in text, url

    article.title = "Rest after a session"
    signed_off_and_published(article)

    for url in urls:
        text, verdict = fetch(client, url)
        assert verdict == "miss", url
        if url != "/sitemap.xml":
            assert "Rest after a session" in text, url
            assert "Sleep after a session" not in text, url


def test_unpublishing_takes_the_article_off_every_listing(client, article_index, article):
    listings = [u for u in affected_urls(article_index, article) if u != article.url]
    warm_all(client, [article.url, *listings])

    article.unpublish()

    assert client.get(article.url).status_code == 404
    for url in listings:
        if "tag/" in url or "topic/" in url:
            continue  # the tag and topic have no article left: these now answer 404
        text, verdict = fetch(client, url)
        assert verdict == "miss", url
        assert "Sleep after a session" not in text, url
        assert "sleep-after-a-session" not in text, url


def test_moving_an_article_moves_it_between_listings(client, home_page, article_index, article):
    other = ArticleIndexPageFactory(parent=home_page, title="News", slug="news")
    old_url = article.url
    warm_all(client, [old_url, article_index.url, other.url])

    article.move(other, pos="last-child")

    moved = client.get(old_url)  # Wagtail leaves a redirect at the old address
    assert moved.status_code == 301
    assert moved["Location"].endswith("/news/sleep-after-a-session/")
    assert "Sleep after a session" not in fetch(client, article_index.url)[0]
    assert "Sleep after a session" in fetch(client, other.url)[0]


def test_deleting_an_article_removes_it_at_once(client, article_index, article):
    urls = [article_index.url, "/", article_index.url + "feed/rss/"]
    warm_all(client, [article.url, *urls])
    old_url = article.url

    article.delete()

    assert client.get(old_url).status_code == 404
    for url in urls:
        assert "Sleep after a session" not in fetch(client, url)[0], url


def test_saving_the_clinic_settings_changes_every_page(client, site, article_index, article):
    urls = [article.url, article_index.url, "/"]
    warm_all(client, urls)

    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0199"
    clinic.save()

    for url in urls:
        text, verdict = fetch(client, url)
        assert verdict == "miss", url
        assert "(555) 010-0199" in text, url


def test_correcting_a_source_changes_the_pages_that_cite_it(client, article_index):
    source = sources_data.trial()
    article = ArticlePageFactory(
        parent=article_index,
        body=[sources_data.paragraph("<p>It helped [1].</p>"), sources_data.sources(source)],
    )
    warm(client, article.url)

    source.title = "Efficacy and Safety of Flexibly Dosed Esketamine Nasal Spray Combined"
    source.save()

    text, verdict = fetch(client, article.url)
    assert verdict == "miss"
    assert "Nasal Spray Combined" in text


def test_renaming_a_person_changes_their_articles(client, article_index, article, person):
    urls = [article.url, article_index.url + "feed/rss/"]
    warm_all(client, urls)

    person.name = "Dr. Iris Calloway-Reed"
    person.save()

    for url in urls:
        assert "Calloway-Reed" in fetch(client, url)[0], url


def test_renaming_a_topic_changes_the_listings(client, article_index, article):
    urls = [article_index.url, article.url]
    warm_all(client, urls)

    article.topic.name = "Aftercare"
    article.topic.save()

    for url in urls:
        assert "Aftercare" in fetch(client, url)[0], url


def test_a_draft_does_not_empty_the_cache(client, article_index, article):
    warm(client, article.url)

    article.title = "A draft title nobody sees yet"
    article.save_revision()

    text, verdict = fetch(client, article.url)
    assert verdict == "hit"
    assert "A draft title" not in text


def test_an_image_size_filled_in_while_rendering_does_not_empty_the_cache(client, article):
    image = ImageFactory()
    warm(client, article.url)
    image.file_size = None
    image.save(update_fields=["file_size"])
    assert fetch(client, article.url)[1] == "hit"


def test_a_configured_cdn_is_told_to_forget_every_page_after_the_commit(
    article, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    purged = []
    monkeypatch.setattr(PurgeBatch, "purge", lambda batch, **kwargs: purged.extend(batch.urls))
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.dummy.DummyBackend"}
    }
    article.title = "Rest after a session"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signed_off_and_published(article)
    assert purged == []  # nothing before the commit: the CDN would fetch the old page again
    for callback in callbacks:
        callback()
    assert any(url.endswith("/articles/sleep-after-a-session/") for url in purged)
    assert any(url.endswith("/articles/") for url in purged)
    assert any(url.endswith("/sitemap.xml") for url in purged)
