"""A clinician writing an article reads how to cite in the Sources block, and adds a source
that is not in the list yet from the block's chooser, without leaving the page."""

import pytest
from django.urls import reverse

from clinic.editorial.references import Reference
from tests.blog.factories import ArticleIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clinician_adds_a_new_source_from_the_sources_blocks_chooser(clinician_page, home_page):
    page = clinician_page
    index = ArticleIndexPageFactory(parent=home_page)
    add = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", index.pk))
    page.goto(page.base_url + add)
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Sources").click()
    help_text = page.get_by_text("choose Link, then Anchor link, and type source-2")
    help_text.wait_for()  # the new block is drawn by the editor's script: wait for it
    assert help_text.is_visible()

    page.get_by_role("button", name="Choose source").click()
    page.get_by_role("tab", name="Add a source").click()
    form = page.locator("form[action$='/admin/snippets/choose/clinic/reference/create/']")
    form.get_by_label("Title").fill("A consensus statement on ketamine")
    form.get_by_label("Journal or organisation").fill("JAMA Psychiatry")
    form.get_by_label("Last accessed").fill("2026-12-01")
    form.get_by_role("button", name="Add a source").click()

    page.get_by_text("A consensus statement on ketamine: JAMA Psychiatry").wait_for()
    assert Reference.objects.filter(title="A consensus statement on ketamine").exists()
    assert not [line for line in page.console_messages if "CSP violation" in line]
