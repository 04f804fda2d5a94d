"""Staff previews of a page say where it is hard to read; public pages never do.

The preview's HTML gets `data-plain-language` flags on the paragraphs that break a rule and a
JSON report of the scores (clinic/plain_language/preview_marks.py); the editor's Checks panel shows
them through the clinic's axe rules and clinic/js/plain-language-panel.js.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text

from clinic.plain_language.page_scores import GlossaryTerm
from clinic.plain_language.preview_marks import RULE_IDS
from tests.treatments.admin_forms import treatment_form_data
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db

LONG_SENTENCE = (
    "Before your first session we will ask about your health, your medicines, your blood "
    "pressure, your past treatments, your sleep, your work and the people who support you at home."
)
LONG_SENTENCE_WORDS = 30
EASY = "You sit in a quiet room. A nurse stays with you. You can stop at any time."
HARD = (
    "Pharmacological intervention necessitates comprehensive psychiatric evaluation, "
    "continuous physiological monitoring, and individualised therapeutic considerations."
)
GLOSSARY_SENTENCE = "Your doctor plans the titration with you."


def paragraphs(*texts):
    """Body paragraphs as stream data for a page object."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def posted(body):
    """The same body as the editor posts it."""
    return [(kind, rich_text(value.source)) for kind, value in body]


# Enough easy words to score (100 or more), then the long sentence in a paragraph of its own.
EASY_BODY_WITH_A_LONG_SENTENCE = paragraphs(EASY, EASY, EASY, EASY, LONG_SENTENCE)


@pytest.fixture
def treatment(home_page):
    index = TreatmentIndexPageFactory(parent=home_page)
    return TreatmentPageFactory(
        parent=index, title="Ketamine infusion therapy", body=EASY_BODY_WITH_A_LONG_SENTENCE
    )


def preview(client, page, body, **query):
    """The editor's preview of `page` with this body, as the signed-in user sees it."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = client.post(url, treatment_form_data(body=posted(body), slug=page.slug))
    assert response.json()["is_valid"]
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def flags(html, text):
    """The plain-language flags on the element (paragraph, heading...) that holds `text`."""
    soup = BeautifulSoup(html, "html.parser")
    element = soup.find("main").find(
        lambda tag: tag.name in {"p", "h1", "h2", "li"} and text in tag.get_text()
    )
    assert element is not None, text
    return element.get("data-plain-language", "").split()


def report(html):
    script = BeautifulSoup(html, "html.parser").find("script", id="plain-language-report")
    assert script is not None, "no plain-language report in the preview"
    assert script["type"] == "application/json"
    return json.loads(script.string)


def is_marked_up(html):
    """Whether the plain-language flags or report are in the page (the userbar's checker
    configuration names the attribute in its selectors, so look for the attribute itself)."""
    soup = BeautifulSoup(html, "html.parser")
    return bool(soup.find(attrs={"data-plain-language": True})) or bool(
        soup.find(id="plain-language-report")
    )


def test_a_clinicians_preview_flags_the_paragraph_with_the_long_sentence(
    client, clinician, treatment
):
    client.force_login(clinician)
    html = preview(client, treatment, EASY_BODY_WITH_A_LONG_SENTENCE)
    assert flags(html, LONG_SENTENCE[:40]) == ["long-sentence"]
    assert flags(html, EASY) == []  # short sentences in short paragraphs: nothing to change


def test_a_clinicians_preview_reports_the_grade_the_verdict_and_what_to_change(
    client, clinician, treatment
):
    client.force_login(clinician)
    scores = report(preview(client, treatment, EASY_BODY_WITH_A_LONG_SENTENCE))
    assert isinstance(scores["grade"], float) and scores["grade"] <= 8
    assert scores["verdict"] == "Easy to read"
    assert (scores["target"], scores["limit"]) == (8, 10)
    assert scores["words"] >= 100
    assert scores["longest_sentences"][0] == {"words": LONG_SENTENCE_WORDS, "text": LONG_SENTENCE}
    assert scores["problems"] == [
        {
            "rule": "Sentence longer than 25 words",
            "detail": f"{LONG_SENTENCE_WORDS} words: “Before your first session we will ask "
            "about…”",
        }
    ]


def test_a_preview_above_the_target_flags_the_reading_grade_and_says_hard(
    client, clinician, treatment
):
    client.force_login(clinician)
    html = preview(client, treatment, paragraphs(*[HARD] * 8))
    scores = report(html)
    assert scores["grade"] > scores["limit"] == 10
    assert scores["verdict"] == "Hard"
    flagged = BeautifulSoup(html, "html.parser").select(
        'main [data-plain-language~="reading-grade"]'
    )
    assert len(flagged) == 1  # one issue for the page, not one per paragraph


def test_a_preview_flags_a_glossary_term_used_without_its_plain_words(client, clinician, treatment):
    GlossaryTerm.objects.create(term="titration", plain="slowly adjusting the dose")
    client.force_login(clinician)
    html = preview(client, treatment, paragraphs(EASY, EASY, EASY, EASY, GLOSSARY_SENTENCE))
    assert flags(html, GLOSSARY_SENTENCE) == ["glossary-term"]
    assert {
        "rule": "Medical term without its plain words",
        "detail": "“titration”: say “slowly adjusting the dose” first",
    } in report(html)["problems"]


def test_a_glossary_term_explained_in_the_same_sentence_is_not_flagged(
    client, clinician, treatment
):
    GlossaryTerm.objects.create(term="titration", plain="slowly adjusting the dose")
    explained = "Your doctor plans slowly adjusting the dose (titration) with you."
    client.force_login(clinician)
    html = preview(client, treatment, paragraphs(EASY, EASY, EASY, EASY, explained))
    assert flags(html, explained) == []
    assert report(html)["problems"] == []


def test_the_public_page_has_neither_the_flags_nor_the_report(client, clinician, treatment):
    client.force_login(clinician)
    assert is_marked_up(preview(client, treatment, EASY_BODY_WITH_A_LONG_SENTENCE))

    public = client.get(treatment.url)  # a clinician viewing the live site
    assert public.status_code == 200
    assert LONG_SENTENCE in public.content.decode()
    assert not is_marked_up(public.content.decode())

    client.logout()
    public = client.get(treatment.url)
    assert public.status_code == 200
    assert LONG_SENTENCE in public.content.decode()
    assert not is_marked_up(public.content.decode())


def test_a_preview_made_without_a_signed_in_staff_member_is_not_marked_up(treatment):
    """As the server scores pages (clinic/plain_language/page_scores.py): a preview request of its
    own."""
    response = treatment.make_preview_request()
    html = response.content.decode()
    assert LONG_SENTENCE in html
    assert not is_marked_up(html)


def test_the_editor_shows_the_reading_grade_and_loads_the_plain_language_panel(
    client, clinician, treatment
):
    client.force_login(clinician)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[treatment.pk]))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find("script", src="/static/clinic/js/plain-language-panel.js")
    grade = soup.find(attrs={"data-plain-language-grade": True})
    assert grade is not None
    assert grade.find_previous("h3").get_text(strip=True) == "Reading grade"
    panel = soup.find(attrs={"data-plain-language-panel": True})
    assert panel is not None and panel.has_attr("hidden")
    assert panel.find("h2").get_text(strip=True) == "Plain language"


def axe_configuration(html):
    script = BeautifulSoup(html, "html.parser").find("script", id="checker-axe-configuration")
    assert script is not None
    return json.loads(script.string)


def test_the_editors_checks_run_the_plain_language_rules(client, clinician, treatment):
    client.force_login(clinician)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[treatment.pk])).content.decode()
    config = axe_configuration(html)
    plain_rules = [
        "plain-reading-grade",
        "plain-long-sentence",
        "plain-long-paragraph",
        "plain-glossary-term",
        "plain-abbreviation",
    ]
    assert sorted(RULE_IDS.values()) == sorted(plain_rules)
    for rule in plain_rules:
        assert rule in config["options"]["runOnly"]
        assert config["messages"][rule]["error_name"]
    selectors = {rule["id"]: rule["selector"] for rule in config["spec"]["rules"]}
    assert selectors["plain-long-sentence"] == '[data-plain-language~="long-sentence"]'
    assert selectors["plain-glossary-term"] == '[data-plain-language~="glossary-term"]'
    assert {"id": "plain-language-flagged"} in config["spec"]["checks"]


def test_the_preview_panels_userbar_loads_the_plain_language_checks_after_wagtails_script(
    client, clinician, treatment
):
    client.force_login(clinician)
    html = preview(client, treatment, EASY_BODY_WITH_A_LONG_SENTENCE, in_preview_panel="true")
    sources = [
        script["src"] for script in BeautifulSoup(html, "html.parser").find_all("script", src=True)
    ]
    checks = "/static/clinic/js/plain-language-checks.js"
    assert checks in sources
    userbar = next(index for index, src in enumerate(sources) if "wagtailadmin/js/userbar" in src)
    assert sources.index(checks) > userbar
    assert "plain-long-sentence" in axe_configuration(html)["options"]["runOnly"]
