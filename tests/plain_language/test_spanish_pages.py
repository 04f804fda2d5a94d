"""A page in the Spanish locale is judged on the INFLESZ scale, where a higher score is easier,
against the Spanish targets of the plain-language settings: in its score, the editor's Checks
panel, the readability report and the settings themselves (clinic/plain_language/page_scores.py,
preview_marks.py, clinic/management/commands/readability_report.py)."""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale
from wagtail.rich_text import RichText

from clinic.plain_language.page_scores import (
    EASY,
    FAIRLY_HARD,
    HARD,
    INFLESZ,
    GlossaryTerm,
    PageScore,
    PlainLanguageSettings,
    Targets,
    score_page,
)
from clinic.plain_language.readability import analyse
from tests.factories import StandardPageFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db

EASY_ES = (
    "Usted puede hablar con nosotros. Le vamos a escuchar con calma. "
    "Juntos haremos un plan para usted. Puede venir con una persona de confianza."
)
HARD_ES = (
    "La administración intravenosa de ketamina requiere monitorización hemodinámica "
    "continua y evaluación psiquiátrica especializada previa."
)
SCORE = r"-?\d+(\.\d)?"


def paragraphs(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


@pytest.fixture
def spanish(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def spanish_page(home_page, spanish):
    return StandardPageFactory(
        parent=home_page,
        locale=spanish,
        title="Su primera visita",
        intro="Lo que pasa el primer día.",
        body=paragraphs(*[EASY_ES] * 5),
    )


def test_a_spanish_page_is_scored_on_inflesz_and_never_on_an_english_grade(spanish_page):
    score = score_page(spanish_page)
    assert score.scale == INFLESZ
    assert score.grade is None and score.smog is None
    assert score.inflesz >= 65 and score.fernandez_huerta is not None
    assert (score.target, score.limit) == (65, 55)  # the Spanish defaults
    assert score.verdict == EASY and not score.above_limit
    assert re.fullmatch(
        rf"INFLESZ {SCORE}, (fairly|very) easy \(target 65 or more\)", score.summary
    )


def test_an_english_page_keeps_its_reading_grade(home_page):
    page = StandardPageFactory(parent=home_page, body=paragraphs(*["You can talk to us. "] * 30))
    score = score_page(page)
    assert score.scale == "grade" and score.grade is not None and score.inflesz is None
    assert "scale" not in score.as_dict()  # English rows keep the keys audits read


def test_the_spanish_targets_come_from_the_plain_language_settings(spanish_page, site):
    settings = PlainLanguageSettings.for_site(site)
    settings.spanish_page_target, settings.spanish_page_limit = 90, 85
    settings.save()
    score = score_page(spanish_page)
    assert (score.target, score.limit) == (90, 85)
    assert score.verdict == HARD and score.above_limit  # about 84: under the lower limit


@pytest.mark.parametrize(
    "inflesz, verdict, past_limit",
    [
        (80.0, EASY, False),
        (65.0, EASY, False),  # the target itself is met
        (64.9, FAIRLY_HARD, False),
        (55.0, FAIRLY_HARD, False),  # the limit itself is allowed
        (54.9, HARD, True),
        (None, "Too short to score", False),
    ],
)
def test_on_inflesz_a_higher_score_is_easier(inflesz, verdict, past_limit):
    targets = Targets(65, 55, INFLESZ)
    assert targets.verdict(inflesz) == verdict
    assert targets.above_limit(inflesz) is past_limit


@pytest.mark.parametrize(
    "grade, verdict, past_limit",
    [(8.0, EASY, False), (9.0, FAIRLY_HARD, False), (10.0, FAIRLY_HARD, False), (10.1, HARD, True)],
)
def test_on_the_english_grade_a_higher_grade_is_harder(grade, verdict, past_limit):
    targets = Targets(8, 10)
    assert targets.verdict(grade) == verdict
    assert targets.above_limit(grade) is past_limit


def test_a_reviewer_is_told_the_inflesz_score_of_a_spanish_page_past_its_limit():
    analysis = analyse("<p>" + " ".join([HARD_ES] * 8) + "</p>", language="es")
    score = PageScore(analysis, Targets(65, 55, INFLESZ))
    assert score.above_limit
    assert score.past_limit == (
        f"This version scores INFLESZ {score.inflesz:g} (very hard); the lowest score allowed "
        "for this Spanish page is 55."
    )


def draft_preview(client, page):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def preview_report(html):
    script = BeautifulSoup(html, "html.parser").find("script", id="plain-language-report")
    assert script is not None, "no plain-language report in the preview"
    return json.loads(script.string)


def test_the_checks_panel_of_a_spanish_page_reports_the_inflesz_scale(
    client, superuser, spanish_page
):
    client.force_login(superuser)
    scores = preview_report(draft_preview(client, spanish_page))
    assert scores["scale"] == "INFLESZ"
    assert scores["grade"] is None and scores["smog"] is None
    assert scores["inflesz"] >= 65 and scores["band"] in {"fairly easy", "very easy"}
    assert isinstance(scores["fernandez_huerta"], float)
    assert (scores["target"], scores["limit"], scores["verdict"]) == (65, 55, EASY)
    assert scores["summary"].startswith(f"INFLESZ {scores['inflesz']:g}, ")


def test_a_hard_spanish_page_is_flagged_in_the_checks_panel(client, superuser, spanish_page):
    spanish_page.body = paragraphs(*[HARD_ES] * 8)
    spanish_page.save_revision()
    client.force_login(superuser)
    html = draft_preview(client, spanish_page)
    scores = preview_report(html)
    assert scores["verdict"] == HARD and scores["inflesz"] < 55
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select('main [data-plain-language~="reading-grade"]')) == 1


def test_the_english_glossary_is_not_applied_to_a_spanish_page(client, superuser, spanish_page):
    GlossaryTerm.objects.create(term="plan", plain="what we will do together")
    client.force_login(superuser)
    assert preview_report(draft_preview(client, spanish_page))["problems"] == []
    assert score_page(spanish_page).problems == []


@pytest.fixture
def spanish_treatments(treatment_index, spanish):
    return {
        "easy": TreatmentPageFactory(
            parent=treatment_index,
            locale=spanish,
            title="Terapia con ketamina",
            body=paragraphs(*[EASY_ES] * 5),
        ),
        "hard": TreatmentPageFactory(
            parent=treatment_index,
            locale=spanish,
            title="Página difícil",
            body=paragraphs(*[HARD_ES] * 8),
        ),
    }


def run_report(*args):
    out = io.StringIO()
    call_command("readability_report", *args, stdout=out)
    return out.getvalue()


def test_the_readability_report_shows_spanish_pages_on_the_inflesz_scale(spanish_treatments):
    out = run_report()
    assert re.search(
        rf"Terapia con ketamina .*\n  INFLESZ {SCORE} \((fairly|very) easy\): Easy to read "
        rf"\(target 65 or more, lower limit 55\); Fernández-Huerta {SCORE}; \d+ words",
        out,
    )
    assert re.search(rf"Página difícil .*\n  INFLESZ {SCORE} \(very hard\): Hard \(", out)
    assert "grade" not in out and "SMOG" not in out
    assert out.rstrip().endswith("2 live health pages; 1 above their upper limit.")


def test_the_readability_report_as_json_has_the_spanish_scores(spanish_treatments):
    rows = {row["title"]: row for row in json.loads(run_report("--json"))}
    easy = rows["Terapia con ketamina"]
    assert easy["scale"] == "INFLESZ" and easy["grade"] is None
    assert easy["inflesz"] >= 65 and easy["fernandez_huerta"] is not None
    assert rows["Página difícil"]["verdict"] == HARD


def settings_url(site):
    return reverse("wagtailsettings:edit", args=["clinic", "plainlanguagesettings", site.pk])


GRADES = {"page_target": "8", "page_limit": "10", "article_target": "10", "article_limit": "12"}


def test_the_settings_refuse_a_spanish_lower_limit_above_its_target(client, superuser, site):
    client.force_login(superuser)
    posted = {**GRADES, "spanish_page_target": "60", "spanish_page_limit": "62"}
    response = client.post(settings_url(site), posted)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "spanish_page_limit": ["The lower limit cannot be above the target."]
    }


def test_the_settings_save_spanish_targets_and_fill_empty_ones_with_the_defaults(
    client, superuser, site
):
    client.force_login(superuser)
    posted = {**GRADES, "spanish_page_target": "70", "spanish_page_limit": "60"}
    assert client.post(settings_url(site), posted).status_code == 302
    saved = PlainLanguageSettings.objects.get(site=site)
    assert (saved.spanish_page_target, saved.spanish_page_limit) == (70, 60)
    assert (saved.spanish_article_target, saved.spanish_article_limit) == (55, 40)
