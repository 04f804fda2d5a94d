"""Routing in one query for the whole way down (clinic/serving/routing.py) gives Wagtail's
answers."""

import pytest
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from taggit.models import Tag
from wagtail.models import Page

from blog.models import ArticleIndexPage, ArticlePage, ArticleTag
from clinic.editorial.people import Person
from clinic.serving.routing import route_ancestors
from home.models import TeamPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(site):
    call_command("load_demo_content")
    return site.root_page.specific


def demo_paths():
    for page in Page.objects.live().exclude(depth__lte=2):
        yield page.url
    index = ArticleIndexPage.objects.get(locale__language_code="en")
    tag = Tag.objects.filter(pk__in=ArticleTag.objects.values("tag_id")).first()
    yield index.url + index.reverse_subpage("tag", kwargs={"slug": tag.slug})
    yield index.url + index.reverse_subpage("rss_feed")
    team = TeamPage.objects.get()
    yield team.url + team.reverse_subpage("person", args=[Person.objects.first().slug])
    yield from ["/no-such-page/", "/articles/no-such-article/", "/treatments/x/y/z/"]


def answer(route, home, path):
    """(page id, args) of a route, or 404."""
    components = [part for part in path.split("/") if part]
    try:
        result = route(home, RequestFactory().get(path), components)
    except Http404:
        return 404
    page, args, kwargs = result
    return page.pk, type(page), [str(arg) for arg in args], kwargs


def test_every_demo_address_routes_as_wagtail_routes_it(demo):
    home = demo
    paths = list(demo_paths())
    assert len(paths) > 20
    for path in paths:
        assert answer(type(home).route, home, path) == answer(Page.route, home, path), path


def test_a_draft_page_is_not_found(demo):
    article = ArticlePage.objects.live().first()
    article.unpublish()
    assert answer(type(demo).route, demo, article.url_path.removeprefix(demo.url_path)) == 404


def test_an_article_is_found_in_two_queries_with_its_ancestors(demo, django_assert_max_num_queries):
    article = ArticlePage.objects.live().first()
    request = RequestFactory().get(article.url)
    components = [part for part in article.url.split("/") if part]
    with django_assert_max_num_queries(2):
        page = demo.route(request, components).page
    assert page.pk == article.pk and isinstance(page, ArticlePage)
    assert [ancestor.title for ancestor in route_ancestors(page)] == [
        demo.title,
        article.get_parent().title,
    ]
