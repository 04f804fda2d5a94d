"""The admin may frame a page's preview; nobody may frame the public page.

Wagtail renders a preview as a request for the page's public path through the whole
middleware chain, so the public Content-Security-Policy would land on it (clinic/serving/csp.py).
"""

import pytest
import wagtail_factories
from django.test import override_settings
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html

import booking.demo
from clinic.documents.demo import load_section
from home.models import CrisisHelpPage
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import PersonFactory, StandardPageFactory
from tests.treatments.admin_forms import treatment_form_data
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


class CrisisHelpPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CrisisHelpPage

    title = "Urgent help"
    slug = "urgent-help"


def treatment_index(home):
    return TreatmentIndexPageFactory(parent=home)


def article_index(home):
    return ArticleIndexPageFactory(parent=home)


PAGES = {
    "home": lambda home: home,
    "standard": lambda home: StandardPageFactory(parent=home, title="About the clinic"),
    "crisis": lambda home: CrisisHelpPageFactory(parent=home),
    "treatment index": treatment_index,
    "treatment": lambda home: TreatmentPageFactory(parent=treatment_index(home)),
    "article index": article_index,
    "article": lambda home: ArticlePageFactory(parent=article_index(home)),
    "booking": lambda home: load_section(booking.demo, home),
}


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in directives if words}


def editor_form_data(client, page):
    """The edit form's fields as the editor shows them. Wagtail's JS writes a StreamField's
    inputs in the browser, so each arrives empty here (a preview defers required fields)."""
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    data = querydict_from_html(edit_html, form_id="page-edit-form").copy()
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")
    return data


def preview(client, page, title, data=None):
    """What the preview panel shows: POST the editor's form (as Wagtail's JS does), then GET."""
    data = data or editor_form_data(client, page)
    # The home page shows neither in its body: its <title> is the SEO title when there is one.
    data["title"] = data["seo_title"] = title
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    return client.get(url, {"in_preview_panel": "true"})


@pytest.fixture(params=PAGES.keys())
def any_page(request, home_page):
    return PAGES[request.param](home_page).specific


def test_the_admin_may_frame_a_preview_and_no_one_may_frame_the_page(client, superuser, any_page):
    page = any_page
    public = client.get(page.url)
    assert public.status_code == 200
    assert policy(public)["frame-ancestors"] == ["'none'"]

    client.force_login(superuser)
    response = preview(client, page, "A draft title")

    assert response.status_code == 200
    assert "A draft title" in response.content.decode()
    previewed = policy(response)
    assert previewed["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Otherwise the public policy, unloosened: no inline or eval'd scripts, no other origins.
    assert previewed["script-src"] == ["'self'"]
    assert {key: value for key, value in previewed.items() if key != "frame-ancestors"} == {
        key: value for key, value in policy(public).items() if key != "frame-ancestors"
    }
    client.logout()
    assert policy(client.get(page.url))["frame-ancestors"] == ["'none'"]


def test_a_clinician_previews_a_treatment_page_under_the_same_policy(client, clinician, home_page):
    page = TreatmentPageFactory(parent=treatment_index(home_page))
    client.force_login(clinician)
    data = treatment_form_data(reviewer=PersonFactory(), slug=page.slug)
    response = preview(client, page, "Ketamine infusion therapy, revised", data)

    html = response.content.decode()
    assert "Ketamine infusion therapy, revised" in html
    assert "An anaesthetic used at low doses." in html  # the body the editor posted
    previewed = policy(response)
    assert previewed["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in previewed["script-src"]
    assert "'unsafe-eval'" not in previewed["script-src"]


@override_settings(PAGE_CACHE_ENABLED=True)
def test_a_preview_is_never_stored_in_nor_served_from_the_page_cache(client, superuser, home_page):
    page = TreatmentPageFactory(parent=treatment_index(home_page), title="Esketamine")
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    client.force_login(superuser)
    response = preview(client, page, "Esketamine, a draft")
    assert "Esketamine, a draft" in response.content.decode()
    assert response["X-Page-Cache"] == "skip"
    assert "private" in response["Cache-Control"]

    client.logout()
    public = client.get(page.url)
    assert public["X-Page-Cache"] == "hit"
    assert "Esketamine, a draft" not in public.content.decode()
    assert policy(public)["frame-ancestors"] == ["'none'"]
