"""The article index and an article are accessible on a phone and a desktop."""

import pytest

from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, describe


@pytest.fixture
def articles(home_page):
    index = ArticleIndexPageFactory(parent=home_page, show_in_menus=True)
    topic = TopicFactory(name="Integration")
    pages = [
        ArticlePageFactory(
            parent=index,
            topic=topic,
            tags=["sleep", "trauma"],
            body=[
                ("heading", {"text": "What to expect", "level": "h2", "anchor": ""}),
                ("paragraph", "<p>Some calm words about integration.</p>"),
                (
                    "quote",
                    {
                        "quote": "Go gently.",
                        "attribution": "A therapist",
                        "shared_with_consent": False,
                    },
                ),
                (
                    "callout",
                    {"kind": "info", "heading": "Good to know", "text": "<p>Take your time.</p>"},
                ),
            ],
        )
        for _ in range(14)
    ]
    return index, pages


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_index_has_no_axe_violations(site_page, articles, viewport):
    index, _ = articles
    site_page.set_viewport_size(viewport)
    site_page.goto(site_page.base_url + index.url)
    violations = axe_violations(site_page)
    assert not violations, describe(violations)
    link = site_page.get_by_role("link", name=f"Read article: {articles[1][0].title}", exact=True)
    assert link.count() == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_page_has_no_axe_violations(site_page, articles, viewport):
    _, pages = articles
    site_page.set_viewport_size(viewport)
    site_page.goto(site_page.base_url + pages[0].url)
    violations = axe_violations(site_page)
    assert not violations, describe(violations)


def test_tag_page_has_no_axe_violations_and_clicking_a_card_opens_the_article(site_page, articles):
    index, pages = articles
    site_page.set_viewport_size(PHONE)
    site_page.goto(site_page.base_url + index.url + "tag/sleep/")
    violations = axe_violations(site_page)
    assert not violations, describe(violations)
    # The whole card is a target: a click on its teaser follows the one link.
    box = site_page.get_by_text(pages[0].teaser).bounding_box()
    site_page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    site_page.wait_for_url(f"**{pages[0].url}")
