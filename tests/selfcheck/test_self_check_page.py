"""The self-check's pages as a visitor and a search engine see them: the start page with both
checks, its structured data, noindex on forms and results, the attribution, what every result
says and never says, "Start again", and the previews editors use."""

import json

import pytest

from selfcheck.instruments import ATTRIBUTION, GAD7, INSTRUMENTS, PHQ9
from selfcheck.models import BAND_FIELDS, SelfCheckPage
from tests.factories import PersonFactory
from tests.selfcheck.factories import SelfCheckPageFactory
from tests.selfcheck.helpers import (
    answer,
    checked,
    form_url,
    main_text,
    page_text,
    scores_summing_to,
    soup_of,
)

pytestmark = pytest.mark.django_db

EVERY_BAND = [
    (instrument, band) for instrument in INSTRUMENTS.values() for band in instrument.bands
]
BAND_IDS = [f"{instrument.key}-{band.key}" for instrument, band in EVERY_BAND]
# Words a result must never use: whether a treatment would suit the visitor is for a clinician.
VERDICT_WORDS = ["suitable", "unsuitable", "eligible", "candidate", "qualify", "qualifies"]


def robots(response):
    tag = soup_of(response).find("meta", attrs={"name": "robots"})
    return tag["content"] if tag else ""


def result_for(client, page, instrument, band):
    return answer(client, page, instrument, scores_summing_to(instrument, band.low))


def test_the_start_page_offers_both_checks(client, self_check_page):
    response = client.get(self_check_page.url)
    assert response.status_code == 200
    choices = soup_of(response).select("a.self-check__choice-link")
    assert [a["href"] for a in choices] == ["/check-your-mood/phq-9/", "/check-your-mood/gad-7/"]
    assert "depression" in choices[0].get_text() and "PHQ-9" in choices[0].get_text()
    assert "anxiety" in choices[1].get_text() and "GAD-7" in choices[1].get_text()
    for link in choices:
        form = client.get(link["href"])
        assert form.status_code == 200
        assert soup_of(form).find("form", class_="self-check-form") is not None


def test_the_start_page_is_indexed_and_says_nothing_is_kept(client, self_check_page):
    response = client.get(self_check_page.url)
    assert "noindex" not in robots(response)
    assert "We do not store them" in main_text(response)


def test_structured_data_is_a_reviewed_medical_web_page(client, home_page):
    page = SelfCheckPageFactory(
        parent=home_page,
        reviewer=PersonFactory(name="Dr. Amara Okafor", credentials="MD, psychiatrist"),
    )
    scripts = soup_of(client.get(page.url)).find_all("script", type="application/ld+json")
    data = {item["@type"]: item for item in (json.loads(s.string) for s in scripts)}
    web_page = data["MedicalWebPage"]
    assert {about["name"] for about in web_page["about"]} == {"Depression", "Anxiety"}
    assert {about["@type"] for about in web_page["about"]} == {"MedicalCondition"}
    assert web_page["lastReviewed"] == "2026-11-02"
    assert web_page["reviewedBy"]["name"] == "Dr. Amara Okafor"
    assert web_page["url"].endswith("/check-your-mood/")


@pytest.mark.parametrize("instrument", [PHQ9, GAD7], ids=["phq-9", "gad-7"])
def test_forms_and_results_are_noindex(client, self_check_page, instrument):
    url = form_url(self_check_page, instrument)
    scores = scores_summing_to(instrument, 7)
    responses = {
        "form": client.get(url),
        "errors": client.post(url, {}),
        "result": answer(client, self_check_page, instrument, scores),
    }
    for name, response in responses.items():
        assert "noindex" in robots(response), name


@pytest.mark.parametrize("instrument", [PHQ9, GAD7], ids=["phq-9", "gad-7"])
def test_the_attribution_shows_on_form_and_result(client, self_check_page, instrument):
    form = client.get(form_url(self_check_page, instrument))
    result = answer(client, self_check_page, instrument, [0] * len(instrument.items))
    for response in (form, result):
        assert page_text(response).count(ATTRIBUTION) == 1


@pytest.mark.parametrize(("instrument", "band"), EVERY_BAND, ids=BAND_IDS)
def test_every_result_says_it_is_not_a_diagnosis_and_gives_no_verdict(
    client, self_check_page, instrument, band
):
    text = main_text(result_for(client, self_check_page, instrument, band))
    assert "This is not a diagnosis." in text
    assert f"range called {band.label.lower()} {instrument.about} symptoms" in text
    assert "Next steps text for every result." in text
    lowered = text.lower()
    for word in VERDICT_WORDS:
        assert word not in lowered, word


def test_start_again_links_to_the_blank_form(client, self_check_page):
    url = form_url(self_check_page, PHQ9)
    result = answer(client, self_check_page, PHQ9, [2] * 9)
    link = soup_of(result).find("a", string="Start again")
    assert link["href"] == url
    blank = client.get(link["href"])
    assert blank.status_code == 200
    assert "Your score is" not in blank.content.decode()
    for number in range(1, 10):
        assert checked(soup_of(blank), f"item_{number}") == []


def test_a_result_offers_the_other_check(client, self_check_page):
    result = answer(client, self_check_page, PHQ9, [1] * 9)
    others = soup_of(result).select(".self-check__others a")
    assert [a["href"] for a in others] == [form_url(self_check_page, GAD7)]


@pytest.mark.parametrize("mode", [mode for mode, _ in SelfCheckPage.preview_modes])
def test_every_preview_mode_renders(self_check_page, mode):
    response = self_check_page.make_preview_request(preview_mode=mode)
    assert response.status_code == 200
    response.render()
    text = page_text(response)
    if mode in INSTRUMENTS:
        for item in INSTRUMENTS[mode].items:
            assert text.count(item) == 1
    else:
        assert "Choose a check" in text


def test_the_results_preview_shows_every_bands_words(self_check_page):
    response = self_check_page.make_preview_request(preview_mode="results")
    response.render()
    text = page_text(response)
    for instrument, band, field in BAND_FIELDS:
        assert text.count(f"Band text {field}.") == 1, field
        heading = f"{instrument.name}: {band.label.lower()} ({band.low} to {band.high})"
        assert heading in text
    assert "Next steps text for every result." in text


def test_the_reading_score_reads_every_bands_words(self_check_page):
    """The reading score renders a page without naming a mode: it gets the default one."""
    response = self_check_page.make_preview_request()
    response.render()
    text = page_text(response)
    for _, _, name in BAND_FIELDS:
        assert f"Band text {name}." in text
