"""Publishing a page makes the renditions it and the pages that list it show, so no visitor
waits for a picture to be resized."""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import ImageFactory
from tests.serving.page_cache.conftest import fetch

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()


def writes(queries):
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.fixture
def index(home_page, settings):
    settings.PAGE_CACHE_ENABLED = False  # every view renders
    settings.WARM_RENDITIONS = True  # off in the test settings
    return ArticleIndexPageFactory(parent=home_page)


@pytest.fixture
def publish_article(django_capture_on_commit_callbacks):
    """Publish an article as the editor does; renditions are made once the publish commits."""

    def publish(index, image):
        article = ArticlePageFactory(parent=index, title="Sleep after a session", hero_image=image)
        Rendition.objects.all().delete()  # none made before the publish
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        return article

    return publish


def test_viewing_a_just_published_article_and_its_index_makes_no_rendition(
    client, index, publish_article
):
    image = ImageFactory()
    article = publish_article(index, image)
    made = Rendition.objects.filter(image=image).count()
    assert made >= 2  # the article's sizes and the index's card

    for url in (article.url, index.url, "/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [sql for sql in writes(queries) if "rendition" in sql.lower()], url
    assert Rendition.objects.filter(image=image).count() == made


def test_a_changed_picture_is_resized_again_before_anyone_asks(
    client, index, publish_article, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    article = publish_article(index, image)
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 20
    with django_capture_on_commit_callbacks(execute=True):
        image.save()  # Wagtail drops the renditions of a moved focal point; pages get new ones
    assert Rendition.objects.filter(image=image).exists()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    assert not [sql for sql in writes(queries) if "rendition" in sql.lower()]


def test_a_publish_leaves_the_page_its_index_and_home_in_the_page_cache(
    client, index, publish_article, settings
):
    settings.PAGE_CACHE_ENABLED = True
    article = publish_article(index, ImageFactory())
    host = urlsplit(article.full_url).netloc  # the site's address, as visitors use it
    for url in (article.url, index.url, "/"):
        text, verdict = fetch(client, url, HTTP_HOST=host)
        assert verdict == "hit", url
    assert "Sleep after a session" in fetch(client, index.url, HTTP_HOST=host)[0]


def test_a_private_page_is_not_cached_yet_gets_its_renditions(
    client, index, publish_article, settings
):
    settings.PAGE_CACHE_ENABLED = True
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
    )
    image = ImageFactory()
    article = publish_article(index, image)
    assert Rendition.objects.filter(image=image).exists()  # made through a preview
    text, verdict = fetch(client, article.url, HTTP_HOST=urlsplit(article.full_url).netloc)
    assert verdict != "hit" and 'name="password"' in text
