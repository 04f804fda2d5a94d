"""A page's JSON-LD cites the sources it lists; clinicians and reviewers keep the sources,
booking managers do not (clinic/migrations/0013)."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from clinic.editorial.references import Reference, author_names
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.editorial.sources_data import paragraph, sources
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


# JSON-LD


def structured_data(client, page):
    html = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    return [
        json.loads(script.string) for script in html.find_all("script", type="application/ld+json")
    ]


def test_a_treatment_page_cites_its_sources_in_its_json_ld(
    client, treatment_index, consensus, label, trial
):
    page = TreatmentPageFactory(parent=treatment_index, body=[sources(consensus, label, trial)])
    medical = next(
        item for item in structured_data(client, page) if item["@type"] == "MedicalWebPage"
    )
    first, second, third = medical["citation"]
    assert first == {
        "@type": "ScholarlyArticle",
        "name": consensus.title,
        "author": [
            {"@type": "Person", "name": "Sanacora G"},
            {"@type": "Person", "name": "Frye MA"},
            {"@type": "Person", "name": "McDonald W"},
        ],
        "isPartOf": {"@type": "Periodical", "name": "JAMA Psychiatry"},
        "datePublished": "2017",
        "url": "https://doi.org/10.1001/jamapsychiatry.2017.0080",
    }
    assert second == {
        "@type": "CreativeWork",
        "name": label.title,
        "author": {"@type": "Organization", "name": "Janssen Pharmaceuticals, Inc."},
        "publisher": {"@type": "Organization", "name": "Janssen Pharmaceuticals, Inc."},
        "url": "https://example.org/spravato-pi.pdf",
    }
    assert third["url"] == "https://pubmed.ncbi.nlm.nih.gov/31109201/"
    assert "sameAs" not in third  # its only address is already its url


def test_same_as_holds_the_doi_and_pubmed_addresses_besides_the_url(consensus):
    consensus.url = "https://jamanetwork.com/journals/jamapsychiatry/example"
    consensus.pmid = "123"
    assert consensus.schema()["sameAs"] == [
        "https://doi.org/10.1001/jamapsychiatry.2017.0080",
        "https://pubmed.ncbi.nlm.nih.gov/123/",
    ]


def test_a_page_without_sources_has_no_citation(client, treatment_index):
    page = TreatmentPageFactory(parent=treatment_index)
    assert all("citation" not in item for item in structured_data(client, page))


def test_a_source_listed_twice_is_cited_once(client, treatment_index, consensus, label):
    page = TreatmentPageFactory(
        parent=treatment_index, body=[sources(consensus, label), sources(consensus)]
    )
    medical = next(
        item for item in structured_data(client, page) if item["@type"] == "MedicalWebPage"
    )
    assert [item["name"] for item in medical["citation"]] == [consensus.title, label.title]


def test_an_article_cites_its_sources_in_its_json_ld(client, home_page, consensus):
    articles = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=articles, body=[paragraph("<p>Text.</p>"), sources(consensus)]
    )
    data = next(item for item in structured_data(client, article) if item["@type"] == "Article")
    assert [item["name"] for item in data["citation"]] == [consensus.title]


def test_author_names_drop_et_al():
    assert author_names("Dore J, Turnipseed B, Dwyer S, et al.") == [
        "Dore J",
        "Turnipseed B",
        "Dwyer S",
    ]
    assert author_names("") == []


# Who keeps the sources (clinic/migrations/0013)


def reference_form(**changes):
    return {
        "authors": "",
        "title": "A new guideline",
        "publisher": "U.S. Food and Drug Administration",
        "year": "2023",
        "details": "",
        "url": "",
        "doi": "",
        "pmid": "",
        "kind": "guideline",
        "accessed": "2026-09-01",
        **changes,
    }


def test_clinicians_add_and_change_sources_but_do_not_delete_them(client, clinician, consensus):
    client.force_login(clinician)
    assert client.get(reverse("wagtailsnippets_clinic_reference:list")).status_code == 200
    response = client.post(reverse("wagtailsnippets_clinic_reference:add"), reference_form())
    assert response.status_code == 302
    assert Reference.objects.filter(title="A new guideline").exists()
    edit = reverse("wagtailsnippets_clinic_reference:edit", args=[consensus.pk])
    response = client.post(edit, reference_form(title=consensus.title, accessed="2026-11-01"))
    assert response.status_code == 302
    consensus.refresh_from_db()
    assert consensus.accessed == datetime.date(2026, 11, 1)
    delete = reverse("wagtailsnippets_clinic_reference:delete", args=[consensus.pk])
    client.post(delete)
    assert Reference.objects.filter(pk=consensus.pk).exists()
    assert clinician.has_perms(["clinic.add_reference", "clinic.change_reference"])
    assert not clinician.has_perm("clinic.delete_reference")


def test_clinical_reviewers_delete_sources(client, reviewer, consensus):
    client.force_login(reviewer)
    delete = reverse("wagtailsnippets_clinic_reference:delete", args=[consensus.pk])
    assert client.post(delete).status_code == 302
    assert not Reference.objects.filter(pk=consensus.pk).exists()


def test_booking_managers_cannot_see_or_change_sources(client, booking_manager, consensus):
    client.force_login(booking_manager)
    for url in [
        reverse("wagtailsnippets_clinic_reference:list"),
        reverse("wagtailsnippets_clinic_reference:add"),
        reverse("wagtailsnippets_clinic_reference:edit", args=[consensus.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert consensus.title not in response.content.decode()
    client.post(reverse("wagtailsnippets_clinic_reference:delete", args=[consensus.pk]))
    assert Reference.objects.filter(pk=consensus.pk).exists()
    assert not any(
        booking_manager.has_perm(f"clinic.{action}_reference")
        for action in ("view", "add", "change", "delete")
    )
