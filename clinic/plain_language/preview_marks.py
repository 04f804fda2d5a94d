"""Plain language in the editor: the Checks panel marks where a page is hard to read.

When staff preview a page (the editor's preview and Checks panels, or the preview in a new
tab), the rendered page is scored on the server (clinic/plain_language/readability.py) and two
things are added to the preview's HTML, never to a public page:
- each paragraph, heading or item that breaks a rule gets `data-plain-language="<rules>"`,
  which the Checks panel's axe rules select, so every issue points at its place;
- the scores, as JSON in `<script id="plain-language-report" type="application/json">`, which
  the Checks panel shows as the reading grade, its verdict and the sentences to change.
The one script involved (clinic/js/plain-language-checks.js) comes from the site's own origin
through the userbar's media; the Content-Security-Policy is unchanged.
"""

import re

from django.utils.html import json_script
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Page

from clinic.plain_language.page_scores import PageScore, Targets, language_of, score_html
from clinic.plain_language.readability import RULES

GRADE_FLAG = "reading-grade"
FLAG_CHECK = "plain-language-flagged"
REPORT_ID = "plain-language-report"
RULE_IDS = {token: f"plain-{token}" for token in [GRADE_FLAG, *RULES]}
MESSAGES = {
    RULE_IDS[GRADE_FLAG]: {
        "error_name": "Reading grade above the target",
        "help_text": "The reading grade is under Content metrics. Shorten the sentences and "
        "explain the terms listed below; aim for grade 8 or lower (on a Spanish page, "
        "INFLESZ 65 or more).",
    },
    **{
        RULE_IDS[token]: {"error_name": label, "help_text": advice}
        for token, (label, advice) in RULES.items()
    },
}


class ClinicContentChecker(ContentCheckerItem):
    """The editor's checks: what a clinician can fix in their own content, in the main area:
    a few of Wagtail's accessibility rules and the clinic's plain-language rules."""

    axe_include = ["main"]
    axe_run_only = [
        "image-alt",
        "alt-text-quality",
        "heading-order",
        "empty-heading",
        "p-as-heading",
        "link-name",
        "button-name",
        "empty-table-header",
        "frame-title",
        *RULE_IDS.values(),
    ]
    axe_custom_rules = ContentCheckerItem.axe_custom_rules + [
        {
            "id": rule_id,
            "impact": "moderate",
            "selector": f'[data-plain-language~="{token}"]',
            "tags": ["best-practice"],
            "any": [FLAG_CHECK],
            "enabled": True,
        }
        for token, rule_id in RULE_IDS.items()
    ]
    axe_custom_checks = ContentCheckerItem.axe_custom_checks + [{"id": FLAG_CHECK}]
    axe_messages = {**ContentCheckerItem.axe_messages, **MESSAGES}

    class Media:
        js = ["clinic/js/plain-language-checks.js"]


class PlainLanguagePreviewMiddleware:
    """Marks up staff previews of pages with the plain-language findings (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        page = previewed_page(request, response)
        if page is not None:
            html = response.content.decode(response.charset)
            response.content = annotate(html, page).encode(response.charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


def previewed_page(request, response):
    """The page of a staff member's preview, or None for anything else."""
    if not getattr(request, "is_preview", False) or response.streaming:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("wagtailadmin.access_admin"):
        return None
    page = (getattr(response, "context_data", None) or {}).get("page")
    return page if isinstance(page, Page) else None


def annotate(html, page):
    analysis = score_html(html, language=language_of(page))
    score = PageScore(analysis, Targets.for_page(page))
    flags = {}
    for finding in analysis.findings:
        flags.setdefault(finding.unit, set()).add(finding.rule)
    if analysis.units and score.misses_target:
        flags.setdefault(0, set()).add(GRADE_FLAG)
    html = mark_units(html, [(analysis.units[index], tokens) for index, tokens in flags.items()])
    report = json_script(score.as_dict(), REPORT_ID)
    head, body_end, tail = html.rpartition("</body>")
    return f"{head}{report}{body_end}{tail}" if body_end else html + report


def mark_units(html, marks):
    """Add data-plain-language to the start tags of the given units, found by their position
    in the source (html.parser records each tag's line and column)."""
    line_starts = [0] + [newline.end() for newline in re.finditer("\n", html)]
    insertions = []
    for unit, tokens in marks:
        element = unit.element
        position = line_starts[element.sourceline - 1] + element.sourcepos + 1 + len(element.name)
        insertions.append((position, f' data-plain-language="{" ".join(sorted(tokens))}"'))
    for position, attribute in sorted(insertions, reverse=True):
        html = html[:position] + attribute + html[position:]
    return html
