"""The review flow speaks the clinic's words: "submitted for clinical review", "in review",
"changes requested", never "moderation" or "rejected", in the admin and in its emails; the
approval email carries the reviewer's comment, and every email link starts with
WAGTAILADMIN_BASE_URL."""

import ast
import html
import os
import re
import subprocess
import sys

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.models import Page

from clinic.settings.base import BASE_DIR
from tests.factories import SuperuserFactory
from tests.treatments.admin_forms import complete_body, treatment_form_data
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

ADMIN_URL = "https://admin.clinic.example"
WAGTAIL_WORDS = re.compile(r"moderation|reject|needs changes", re.IGNORECASE)
CATALOGUE = BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True)
def admin_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = ADMIN_URL
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True  # so both parts are checked


@pytest.fixture
def administrator(db):
    """Administrators are told of every submission, as Wagtail does by default."""
    return SuperuserFactory(username="administrator")


@pytest.fixture
def submitted(client, clinician, signing_reviewer, administrator, treatment_index):
    """A treatment page a clinician submitted for clinical review; the emails it sent."""
    client.force_login(clinician)
    data = treatment_form_data(body=complete_body())
    data["action-submit"] = "action-submit"
    add = ("treatments", "treatmentpage", treatment_index.pk)
    response = client.post(reverse("wagtailadmin_pages:add", args=add), data)
    assert response.status_code == 302
    page = TreatmentPage.objects.get()
    assert page.workflow_in_progress
    return page


def decide(client, reviewer, page, action, comment):
    client.force_login(reviewer)
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    mail.outbox.clear()
    response = client.post(url, {"next_review_in": "12", "comment": comment})
    assert response.status_code in (200, 302)
    return response


def links(message):
    """Every address in the email's text, and every href and src of its HTML part."""
    found = re.findall(r"https?://\S+", message.body)
    for body, kind in message.alternatives:
        if kind == "text/html":
            found += re.findall(r'(?:href|src)="([^"]+)"', html.unescape(body))
    return found


def words(message):
    parts = [message.subject, message.body]
    parts += [body for body, kind in message.alternatives if kind == "text/html"]
    return html.unescape("\n".join(parts))


def assert_clinic_email(message, *phrases):
    text = words(message)
    assert not WAGTAIL_WORDS.search(text), text
    for phrase in phrases:
        assert phrase in text, (phrase, text)
    assert links(message), text
    assert [kind for _, kind in message.alternatives] == ["text/html"]
    assert all(link.startswith(ADMIN_URL + "/") for link in links(message)), links(message)


def test_submitting_emails_the_reviewers_and_administrators_in_the_clinics_words(submitted):
    to = {address: message for message in mail.outbox for address in message.to}
    assert {"reviewer@example.com", "administrator@example.com"} <= set(to)
    for message in mail.outbox:
        assert_clinic_email(message, "submitted for clinical review", submitted.title)
    edit = f"{ADMIN_URL}/admin/pages/{submitted.pk}/edit/"
    assert edit in links(to["reviewer@example.com"])


def test_the_approval_email_carries_the_reviewers_comment_and_links_to_the_page(
    client, signing_reviewer, submitted
):
    decide(client, signing_reviewer, submitted, "approve", "Clear and accurate. Thank you.")
    page = TreatmentPage.objects.get(pk=submitted.pk)
    assert page.live
    [message] = [m for m in mail.outbox if "clinician@example.com" in m.to]
    assert_clinic_email(message, "approved", "in clinical review", "Clear and accurate. Thank you.")
    assert f"{ADMIN_URL}{page.url}" in links(message)


def test_a_request_for_changes_is_emailed_with_the_comment_in_the_clinics_words(
    client, signing_reviewer, submitted
):
    decide(client, signing_reviewer, submitted, "reject", "Please add the costs of boosters.")
    [message] = [m for m in mail.outbox if "clinician@example.com" in m.to]
    assert_clinic_email(message, "Changes requested", "Please add the costs of boosters.")
    assert f"{ADMIN_URL}/admin/pages/{submitted.pk}/edit/" in links(message)


def visible(response):
    """The page's words (not its markup, where Wagtail's names for things remain)."""
    text = re.sub(r"<script.*?</script>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(text).split())


def test_the_admin_says_a_page_is_in_review(client, administrator, submitted):
    client.force_login(administrator)
    pages = {
        "editor": reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
        "listing": reverse("wagtailadmin_explore", args=[submitted.get_parent().pk]),
        "history": reverse("wagtailadmin_pages:workflow_history", args=[submitted.pk]),
        "workflows report": reverse("wagtailadmin_reports:workflow"),
        "tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = visible(response)
        assert not WAGTAIL_WORDS.search(text), (name, WAGTAIL_WORDS.findall(text))
        assert re.search("in review", text, re.IGNORECASE), name
    assert "In review" in visible(client.get(pages["editor"]))


def test_the_history_says_changes_requested(client, administrator, signing_reviewer, submitted):
    decide(client, signing_reviewer, submitted, "reject", "Please add the costs of boosters.")
    client.force_login(administrator)
    for url in (
        reverse("wagtailadmin_pages:workflow_history", args=[submitted.pk]),
        reverse("wagtailadmin_pages:history", args=[submitted.pk]),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
    ):
        text = visible(client.get(url))
        assert "Changes requested" in text or "changes requested" in text, url
        assert not WAGTAIL_WORDS.search(text), (url, WAGTAIL_WORDS.findall(text))


def catalogue():
    """(msgid, msgstr) of each entry of the clinic's catalogue, plurals by their first form."""
    entries, current, key = [], {}, None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current.get("msgid"):
                entries.append((current["msgid"], current.get("msgstr", current.get("msgstr[0]"))))
            current, key = {}, None
        elif match := re.match(r'^(msgid|msgstr(?:\[0\])?|msgid_plural|msgstr\[1\]) (".*")$', line):
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    return entries


def test_the_compiled_catalogue_says_what_the_po_file_says():
    """The .mo next to the .po is compiled from it (see the .po's header)."""
    entries = catalogue()
    assert len(entries) > 40
    with override("en-us"):
        stale = [msgid for msgid, msgstr in entries if gettext(msgid) != msgstr]
    assert not stale


def test_email_links_open_the_address_make_run_serves(tmp_path):
    """`make run PORT=9123` exports HOST and PORT; development settings build
    WAGTAILADMIN_BASE_URL from them."""
    code = "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    rule = f"show: ; @DJANGO_SETTINGS_MODULE=clinic.settings.dev {sys.executable} -c '{code}'"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("HOST", "PORT", "SITE_URL", "WAGTAILADMIN_BASE_URL")
    }
    result = subprocess.run(
        ["make", "-s", "--eval", rule, "show", "PORT=9123"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "http://127.0.0.1:9123", result.stderr
