"""The header and footer are rendered once per change and site section, pictures once per
content (clinic/templatetags: navigation_tags.site_chrome, fragment_tags), and what every page
reads comes in one round trip per view (clinic.serving.pagecache.start_request); never stale."""

import re

import pytest
from django.template import TemplateSyntaxError, engines

from clinic.practice.details import ClinicSettings
from clinic.serving import pagecache
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import ImageFactory, StandardPageFactory, signed_off_and_published
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False  # every view renders; its parts may come shared


def view(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def current_menu_entry(html):
    menu = re.search(r'<ul class="site-nav__list".*?</ul>', html, re.S).group()
    return re.findall(r'<a href="([^"]+)" aria-current="page">', menu)


@pytest.fixture
def sections(home_page):
    treatments = TreatmentIndexPageFactory(parent=home_page, show_in_menus=True)
    articles = ArticleIndexPageFactory(parent=home_page, show_in_menus=True)
    treatment = TreatmentPageFactory(parent=treatments)
    article = ArticlePageFactory(parent=articles)
    return treatments, articles, treatment, article


def test_the_menu_marks_the_section_of_each_page(client, sections):
    treatments, articles, treatment, article = sections
    for _ in range(2):  # rendered, then shared
        assert current_menu_entry(view(client, treatment.url)) == [treatments.url]
        assert current_menu_entry(view(client, article.url)) == [articles.url]
        assert current_menu_entry(view(client, "/")) == []


def test_a_new_crisis_line_shows_in_the_bar_and_footer_of_the_next_view(client, site, sections):
    treatment = sections[2]
    view(client, treatment.url)
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_lines = [("line", {"name": "Warm line", "phone": "(555) 010-0123"})]
    clinic.save()

    html = view(client, treatment.url)
    assert html.count("(555) 010-0123") >= 2  # the crisis bar and the footer


def test_a_menu_page_renamed_shows_in_the_header_at_once(client, home_page, sections):
    about = StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)
    view(client, sections[2].url)
    about.title = "About the clinic"
    about.save_revision().publish()
    assert ">About the clinic</a>" in view(client, sections[2].url)


def test_a_body_picture_follows_its_alt_text_and_image(client, home_page, sections):
    image = ImageFactory()
    block = {"image": image, "alt_text": "A calm room", "decorative": False, "caption": ""}
    page = TreatmentPageFactory(parent=sections[0], body=[("image", block)])
    assert 'alt="A calm room"' in view(client, page.url)

    page.body = [("image", {**block, "alt_text": "A quiet treatment room"})]
    signed_off_and_published(page)
    html = view(client, page.url)
    assert 'alt="A quiet treatment room"' in html and 'alt="A calm room"' not in html

    other = ImageFactory()
    page.body = [("image", {**block, "image": other})]
    signed_off_and_published(page)
    assert other.file.name.rsplit("/", 1)[-1].split(".")[0] in view(client, page.url)


def test_an_article_hero_follows_its_alt_text(client, sections):
    article = sections[3]
    article.hero_image_alt = "Soft green shapes."
    signed_off_and_published(article)
    assert 'alt="Soft green shapes."' in view(client, article.url)
    article.hero_image_alt = "A sunlit window."
    signed_off_and_published(article)
    html = view(client, article.url)
    assert 'alt="A sunlit window."' in html and "Soft green shapes." not in html


def test_a_fragment_must_be_named():
    with pytest.raises(TemplateSyntaxError, match="quoted name"):
        engines["django"].from_string(
            "{% load fragment_tags %}{% fragment image %}{% endfragment %}"
        )


def test_what_every_page_reads_comes_in_one_round_trip(client, sections, monkeypatch):
    treatment = sections[2]
    view(client, treatment.url)  # learns what every page reads
    calls = []
    get_many_lazily = pagecache.cache_get_many_lazily()

    def counted():
        def get_many(keys):
            calls.append(keys)
            return get_many_lazily(keys)

        return get_many

    monkeypatch.setattr(pagecache, "cache_get_many_lazily", counted)
    html = view(client, treatment.url)
    assert treatment.title in html
    # The site, settings, menu, header, footer, restrictions and disclaimer at the start;
    # the treatment's own related pages once more. (Fragments have their own token.)
    assert len([keys for keys in calls if pagecache.GENERATION_KEY in keys]) == 2
