"""A clinician opens the Checks panel and sees how hard the page is to read, and why.

The grade is worked out on the server from the preview (clinic/plain_language/preview_marks.py); the
panel shows it from the framed preview, and Wagtail's checker lists each rule broken, at its
place, through the clinic's axe rules. Both run under the enforced CSP.
"""

import re

from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from clinic.plain_language.page_scores import GlossaryTerm
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory
from treatments.models import TreatmentPage

LONG_SENTENCE = (
    "Before your first session we will ask about your health, your medicines, your blood "
    "pressure, your past treatments, your sleep, your work and the people who support you at home."
)


def open_checks(page, treatment):
    page.goto(f"{page.base_url}/admin/pages/{treatment.pk}/edit/")
    page.get_by_role("button", name="Save draft").wait_for()
    page.locator('[data-side-panel-toggle="checks"]').click()
    return page.locator("[data-plain-language-panel]")


def csp_violations(page):
    return [text for text in page.console_messages if re.search(r"CSP|Security Pol", text)]


def test_a_clinician_sees_the_reading_grade_of_a_demo_treatment_page(clinician_page, home_page):
    call_command("load_demo_content")
    treatment = TreatmentPage.objects.get(slug="esketamine-nasal-spray")

    panel = open_checks(clinician_page, treatment)

    grade = clinician_page.locator("[data-plain-language-grade]")
    expect(grade).to_have_text(re.compile(r"^\d+(\.\d)? \(Easy to read\)$"), timeout=20_000)
    expect(panel).to_be_visible()
    expect(panel.locator("[data-plain-language-verdict]")).to_contain_text(
        "Target 8 or lower; upper limit 10."
    )
    assert float(grade.inner_text().split()[0]) <= 8
    assert not csp_violations(clinician_page), csp_violations(clinician_page)


def test_the_checks_panel_points_at_the_sentence_and_the_term_to_change(clinician_page, home_page):
    GlossaryTerm.objects.create(term="titration", plain="slowly adjusting the dose")
    index = TreatmentIndexPageFactory(parent=home_page)
    body = [
        ("paragraph", RichText(f"<p>{LONG_SENTENCE}</p>")),
        ("paragraph", RichText("<p>Your doctor plans the titration with you.</p>")),
    ]
    treatment = TreatmentPageFactory(parent=index, title="Ketamine infusions", body=body)

    panel = open_checks(clinician_page, treatment)

    issues = clinician_page.locator("[data-checks-panel]")
    expect(issues).to_contain_text("Sentence longer than 25 words", timeout=20_000)
    expect(issues).to_contain_text("Medical term without its plain words")
    problems = panel.locator("[data-plain-language-problems]")
    expect(problems).to_contain_text("“titration”: say “slowly adjusting the dose” first")
    expect(problems).to_contain_text(f"{len(LONG_SENTENCE.split())} words")
    # Too few words for a grade: the panel says so instead of a number.
    expect(clinician_page.locator("[data-plain-language-grade]")).to_have_text("Too short to score")
    assert not csp_violations(clinician_page), csp_violations(clinician_page)
