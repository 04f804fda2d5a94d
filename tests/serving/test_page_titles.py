"""Every page's <title> is at most 65 characters, the most search results show: the page's SEO
title when it has one, else its title, with the clinic's name after it only when the whole
fits (clinic/serving/page_titles.py). The editor refuses to send a page to review or live with a
title that would be cut, and the demo documents give their long titles a shorter SEO title."""

import html
import re
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import ArticleIndexPage, ArticlePage, ArticleTag, Topic
from clinic.editorial.page_forms import PageTitleCheck
from clinic.editorial.people import Person
from clinic.practice.details import ClinicSettings
from clinic.serving.page_titles import MAX_TITLE_LENGTH, document_title, title_problem
from home.models import StandardPage, TeamPage
from tests.blog.factories import ArticleIndexPageFactory, TopicFactory
from tests.blog.test_admin import article_form
from tests.documents.test_demo_documents import CONTENT, edit, line_of, load_fails
from tests.factories import ImageFactory, PersonFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

CLINIC = "Northbridge Mind Clinic"
LONG_TITLE = (
    "Devotion, courage and humility: what Hanuman's story can offer ketamine-assisted psychotherapy"
)
SHORT_SEO_TITLE = "What Hanuman's story can offer ketamine-assisted psychotherapy"


def title_of(response):
    """The text of the page's <title>, as a browser tab and search results show it."""
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.DOTALL)
    assert match, "the page has no <title>"
    return html.unescape(match[1])


def assert_fits(title, where):
    assert title.strip(), f"{where}: empty <title>"
    assert len(title) <= MAX_TITLE_LENGTH, f"{where}: {len(title)} characters: {title!r}"


# The rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About the clinic", f"About the clinic | {CLINIC}"),
        # 39 characters: with " | Northbridge Mind Clinic", exactly 65.
        (
            "How dose shapes the ketamine experience",
            f"How dose shapes the ketamine experience | {CLINIC}",
        ),
        # Fits alone, not with the name: the name is left out, the page's own words stay whole.
        (SHORT_SEO_TITLE, SHORT_SEO_TITLE),
        ("x" * 65, "x" * 65),
        # Over 65 (only a page published before the editor checked): cut at a word.
        (LONG_TITLE, "Devotion, courage and humility: what Hanuman's story can offer…"),
        ("y" * 80, "y" * 64 + "…"),
        ("  Contact \n us  ", f"Contact us | {CLINIC}"),
        ("", CLINIC),
    ],
)
def test_the_rule_for_the_text_of_a_title(text, expected):
    assert document_title(text, CLINIC) == expected
    assert len(expected) <= MAX_TITLE_LENGTH


# (a) The demo site: every page, tag, topic and profile


@pytest.fixture
def demo(site):
    call_command("load_demo_content")


def demo_addresses():
    """(address, title search results should show whole) of every public page of the demo."""
    for page in Page.objects.live().public().specific().exclude(depth=1):
        yield page.url, page.seo_title or page.title
    index = ArticleIndexPage.objects.get(locale__language_code="en")
    for tag in Tag.objects.filter(pk__in=ArticleTag.objects.values("tag_id")):
        yield index.url + index.reverse_subpage("tag", kwargs={"slug": tag.slug}), None
    for topic in Topic.objects.all():
        yield index.url + index.reverse_subpage("topic", kwargs={"slug": topic.slug}), None
    team = TeamPage.objects.get()
    for person in Person.objects.filter(retired=False):
        yield team.url + team.reverse_subpage("person", args=[person.slug]), None


def test_every_demo_page_has_a_title_search_results_show_whole(client, demo):
    homes = {home.url for home in Page.objects.filter(depth=2)}  # English and Spanish
    checked = 0
    for address, whole in demo_addresses():
        response = client.get(address)
        assert response.status_code == 200, address
        title = title_of(response)
        assert_fits(title, address)
        assert not title.endswith("…"), f"{address}: cut: {title!r}"
        if whole and address not in homes:  # a home page has words of its own
            assert title in (whole, f"{whole} | {CLINIC}"), address
        checked += 1
    # 27 pages (home, 3 treatments and their index, 12 articles and their index, 6 plain pages,
    # crisis help, booking, team), 23 tags, 6 topics and 4 profiles.
    assert checked >= 60


def test_the_demo_articles_with_long_titles_show_their_seo_title(client, demo):
    long_titled = [page for page in ArticlePage.objects.live() if len(page.title) > 65]
    assert len(long_titled) == 8  # six in English, and both Spanish articles
    for page in long_titled:
        assert page.seo_title and len(page.seo_title) <= MAX_TITLE_LENGTH, page.slug
        response = client.get(page.url)
        assert title_of(response) in (page.seo_title, f"{page.seo_title} | {CLINIC}")
        # The page itself still shows its whole title.
        assert html.escape(page.title) in response.content.decode(), page.slug
    dose = ArticlePage.objects.get(slug="how-dose-shapes-the-ketamine-experience")
    assert title_of(client.get(dose.url)) == f"How dose shapes the ketamine experience | {CLINIC}"


def test_every_title_in_the_demo_documents_fits_or_has_a_short_seo_title(demo):
    for page in Page.objects.live().exclude(depth=1):
        assert title_problem(page.title, page.seo_title) is None, page.url_path


def test_a_document_with_a_long_title_and_no_seo_title_is_refused(site, content):
    doc = content / "articles" / "hanuman-devotion-courage-humility-and-kap.md"
    edit(doc, f"seo_title: {SHORT_SEO_TITLE}\n", "")
    message = load_fails(site)
    assert "hanuman-devotion-courage-humility-and-kap.md, line 2: the title has 94 characters" in (
        message
    )
    assert "add a shorter seo_title" in message


def test_a_document_with_a_long_seo_title_is_refused(site, content):
    doc = content / "articles" / "hanuman-devotion-courage-humility-and-kap.md"
    edit(doc, f"seo_title: {SHORT_SEO_TITLE}\n", f"seo_title: {SHORT_SEO_TITLE} today\n")
    message = load_fails(site)
    line = line_of(doc, "seo_title:")
    assert f"hanuman-devotion-courage-humility-and-kap.md, line {line}: the seo_title has 68" in (
        message
    )


@pytest.fixture
def content(tmp_path, settings):
    """A copy of content/ to break, used by the loader instead of the real one."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    settings.DEMO_CONTENT_DIR = copy
    return copy


# (b) Pages made in the editor, the error pages and search


def test_a_page_with_a_long_title_shows_its_seo_title(client, home_page):
    page = StandardPageFactory(parent=home_page, title=LONG_TITLE, seo_title="Hanuman and KAP")
    assert title_of(client.get(page.url)) == f"Hanuman and KAP | {CLINIC}"


def test_a_short_title_is_followed_by_the_clinics_name(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Fees and insurance")
    assert title_of(client.get(page.url)) == f"Fees and insurance | {CLINIC}"


def test_a_seo_title_that_fits_only_alone_is_shown_without_the_name(client, home_page):
    page = StandardPageFactory(parent=home_page, title=LONG_TITLE, seo_title=SHORT_SEO_TITLE)
    assert title_of(client.get(page.url)) == SHORT_SEO_TITLE


def test_a_long_title_published_before_the_check_is_cut_at_a_word(client, home_page):
    page = StandardPageFactory(parent=home_page, title=LONG_TITLE)
    title = title_of(client.get(page.url))
    assert title == "Devotion, courage and humility: what Hanuman's story can offer…"
    assert_fits(title, page.url)


def test_the_clinics_own_name_is_used(client, home_page, site):
    clinic = ClinicSettings.for_site(site)
    clinic.name = "Harbor Mind"
    clinic.save()
    page = StandardPageFactory(parent=home_page, title="Contact us")
    assert title_of(client.get(page.url)) == "Contact us | Harbor Mind"


def test_search_and_not_found_titles_fit(client, home_page):
    response = client.get(reverse("search"), {"q": "ketamine " * 20})
    assert_fits(title_of(response), "search")
    assert title_of(response).startswith("Search results for “ketamine ketamine")
    assert title_of(client.get("/no-such-page/")) == f"Page not found | {CLINIC}"


def test_a_long_profile_title_fits(client, team_page):
    team = team_page
    person = PersonFactory(
        name="Dr. Alexandra Montgomery-Whitfield",
        credentials="MD, PhD, board-certified psychiatrist and anaesthesiologist",
    )
    response = client.get(team.url + team.reverse_subpage("person", args=[person.slug]))
    assert response.status_code == 200
    assert_fits(title_of(response), "profile")
    assert title_of(response).startswith("Dr. Alexandra Montgomery-Whitfield, MD, PhD")


# (c) The editor


@pytest.mark.parametrize("model", [m for m in get_page_models() if m is not Page])
def test_every_page_types_editor_checks_the_title(model):
    assert issubclass(model.base_form_class, PageTitleCheck), model


def standard_page_form(**overrides):
    data = {
        "title": "Fees and insurance",
        "slug": "fees-and-insurance",
        "intro": "What things cost.",
        "body": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_standard_page(client, home_page, action="action-publish", **fields):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home_page.pk))
    data = standard_page_form(**fields)
    if action:
        data[action] = action.removeprefix("action-")
    return client.post(url, data)


def seo_title_errors(response):
    assert response.status_code == 200, "the form was accepted"
    return response.context["form"].errors.get("seo_title", [])


def test_a_long_title_with_a_short_seo_title_is_published(client, superuser, home_page):
    client.force_login(superuser)
    response = add_standard_page(
        client, home_page, title=LONG_TITLE, slug="hanuman", seo_title=SHORT_SEO_TITLE
    )
    assert response.status_code == 302, response.context["form"].errors
    page = StandardPage.objects.get(slug="hanuman")
    assert page.live and page.seo_title == SHORT_SEO_TITLE
    assert title_of(client.get(page.url)) == SHORT_SEO_TITLE


def test_a_short_title_needs_no_seo_title(client, superuser, home_page):
    client.force_login(superuser)
    response = add_standard_page(client, home_page)
    assert response.status_code == 302, response.context["form"].errors
    assert StandardPage.objects.get(slug="fees-and-insurance").live


def test_a_long_title_without_a_seo_title_is_not_published(client, superuser, home_page):
    client.force_login(superuser)
    response = add_standard_page(client, home_page, title=LONG_TITLE, slug="hanuman")
    assert seo_title_errors(response) == [
        "Search results cut titles after about 65 characters: this title has 94. "
        "Add a shorter SEO title (Promote tab)."
    ]
    assert not StandardPage.objects.filter(slug="hanuman").exists()


def test_a_long_seo_title_is_not_published(client, superuser, home_page):
    client.force_login(superuser)
    response = add_standard_page(client, home_page, seo_title=LONG_TITLE)
    assert seo_title_errors(response) == [
        "Search results cut titles after about 65 characters: this SEO title has 94. Shorten it."
    ]


def test_a_long_title_is_not_submitted_for_review(client, superuser, home_page):
    client.force_login(superuser)
    response = add_standard_page(
        client, home_page, action="action-submit", title=LONG_TITLE, slug="hanuman"
    )
    assert "this title has 94" in seo_title_errors(response)[0]


def test_a_draft_with_a_long_title_is_saved(client, superuser, home_page):
    """Work in progress is kept: the title is checked when the page goes to review or live."""
    client.force_login(superuser)
    response = add_standard_page(client, home_page, action=None, title=LONG_TITLE, slug="hanuman")
    assert response.status_code == 302
    assert not StandardPage.objects.get(slug="hanuman").live


def test_a_health_page_checks_the_title_too(client, clinician, home_page):
    """An article's form (clinic.editorial.page_forms.HealthPageForm) has its own checks as well."""
    index = ArticleIndexPageFactory(parent=home_page)
    client.force_login(clinician)
    url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", index.pk))
    data = article_form(PersonFactory(), TopicFactory(), ImageFactory(), title=LONG_TITLE)
    data["action-submit"] = "submit"
    response = client.post(url, data)
    assert "this title has 94" in seo_title_errors(response)[0]

    data["seo_title"] = SHORT_SEO_TITLE
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
