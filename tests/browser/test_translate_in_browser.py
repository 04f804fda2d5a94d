"""A clinician translates an article in the admin: Translate, Español, and the Spanish draft
opens in the editor, unreviewed, with no CSP violation."""

import tempfile
from pathlib import Path

from blog.models import ArticlePage
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import live_spanish_translation

SCREENSHOTS = Path(tempfile.gettempdir())  # translate-*.png, to look at after a run


def test_a_clinician_translates_an_article_into_a_spanish_draft(clinician_page, home_page):
    index = ArticleIndexPageFactory(parent=home_page, title="Articles", slug="articles")
    live_spanish_translation(home_page, title="Inicio")
    live_spanish_translation(index, title="Artículos", slug="articulos")
    article = ArticlePageFactory(parent=index, title="Sleep and depression", slug="sleep")
    page = clinician_page
    page.goto(f"{page.base_url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role("button").click()
    page.get_by_role("link", name="Translate").click()
    page.get_by_label("Español").check()
    page.screenshot(path=SCREENSHOTS / "translate-choose.png", full_page=True)
    page.get_by_role("button", name="Submit").click()

    page.wait_for_url("**/admin/pages/*/edit/")
    draft = ArticlePage.objects.get(
        translation_key=article.translation_key, locale__language_code="es"
    )
    assert page.url.endswith(f"/admin/pages/{draft.pk}/edit/")
    assert not draft.live and draft.reviewer is None
    page.get_by_text("successfully created in Español").wait_for()
    assert "This translation is out of date" not in page.content()  # behind nothing yet
    page.screenshot(path=SCREENSHOTS / "translate-draft.png", full_page=True)
    assert not [line for line in page.console_messages if "CSP violation" in line]
