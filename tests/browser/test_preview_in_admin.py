"""A clinician previews a treatment page and runs the content checks, under the enforced CSP.

Wagtail renders the preview as a request for the page's public path through the whole
middleware chain; the admin frames it in the preview side panel, and the Checks panel reads
its word count and accessibility results from that framed document.
"""

import re

from playwright.sync_api import expect
from wagtail.rich_text import RichText

from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory


def test_clinician_previews_a_treatment_page_and_runs_its_checks(clinician_page, home_page):
    page = clinician_page
    index = TreatmentIndexPageFactory(parent=home_page)
    # A heading that skips levels: an issue the checks must find in the framed preview.
    body = [
        ("heading", {"text": "Skipped levels", "level": "h4", "anchor": ""}),
        ("paragraph", RichText("<p>Sessions pair a low dose with psychotherapy.</p>")),
    ]
    treatment = TreatmentPageFactory(
        parent=index, title="Ketamine-assisted psychotherapy", body=body
    )

    page.goto(f"{page.base_url}/admin/pages/{treatment.pk}/edit/")
    page.get_by_role("button", name="Save draft").wait_for()

    page.locator('[data-side-panel-toggle="preview"]').click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_have_text("Ketamine-assisted psychotherapy", timeout=15_000)

    page.locator('[data-side-panel-toggle="checks"]').click()
    words = page.locator("[data-content-word-count]")
    expect(words).to_have_text(re.compile(r"^\s*[\d,]+\s*$"), timeout=15_000)
    assert int(words.inner_text().replace(",", "")) > 0
    issues = page.locator("[data-side-panel='checks'] [data-content-checker-count]")
    expect(issues).not_to_have_text("0", timeout=15_000)  # "0" is also what it shows unrun
    expect(page.locator("[data-checks-panel]")).to_contain_text("Incorrect heading hierarchy")

    violations = [text for text in page.console_messages if re.search(r"CSP|Security Pol", text)]
    assert not violations, violations
