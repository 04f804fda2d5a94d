"""A clinician writes and submits a treatment page; a Clinical reviewer's approval signs it off.

The review date, the reviewer and the next review are recorded by the approval, never typed
by the author, and no route puts a health page live without them.
"""

import datetime
import html
import json

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Workflow

from clinic.editorial.review_dates import NO_REVIEW, ReviewMissing
from clinic.editorial.reviewed_content import content_fingerprint
from clinic.editorial.signoff import NO_PERSON, ClinicalReviewTask
from home.models import StandardPage
from tests.factories import PersonFactory, StandardPageFactory, UserFactory
from tests.treatments.admin_forms import complete_body, section, treatment_form_data
from tests.treatments.factories import TreatmentPageFactory
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

# 10:00 in New York on a Friday; the site's time zone decides "today".
NOW = datetime.datetime(2026, 11, 27, 15, 0, tzinfo=datetime.UTC)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", index.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(page, action):
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def messages_of(response):
    """The messages a redirect leaves for the next page."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def shown(response):
    return html.unescape(response.content.decode())


def refused(response):
    """Wagtail answers a forbidden admin action with a 403 or a redirect to the dashboard."""
    return response.status_code == 403 or response.url == reverse("wagtailadmin_home")


@pytest.fixture(autouse=True)
def now():
    """Time runs from NOW, so revisions keep their order and "today" is known."""
    with time_machine.travel(NOW):
        yield


def submit(client, clinician, index, body, **fields):
    """A clinician writes a treatment page in the editor and submits it for clinical review."""
    client.force_login(clinician)
    data = treatment_form_data(body=body, **fields)
    data["action-submit"] = "action-submit"
    response = client.post(add_url(index), data)
    assert response.status_code == 302, response.context["form"].errors
    page = TreatmentPage.objects.get()
    assert page.workflow_in_progress and not page.live
    return page


@pytest.fixture
def submitted(client, clinician, treatment_index):
    """A treatment page a clinician wrote and submitted, forging review fields on the way."""
    forged = PersonFactory(name="Dr. Made Up")
    return submit(
        client,
        clinician,
        treatment_index,
        complete_body(),
        reviewer=forged,
        last_reviewed="2026-01-01",
    )


def test_the_clinical_review_workflow_signs_off_every_page():
    workflow = Workflow.objects.get(name="Clinical review")
    assert workflow.active
    assert Page.get_first_root_node().get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert isinstance(task, ClinicalReviewTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Clinical reviewers"]


def test_the_author_cannot_record_a_review(client, clinician, submitted):
    page = TreatmentPage.objects.get(pk=submitted.pk).get_latest_revision_as_object()
    assert (page.last_reviewed, page.reviewer, page.next_review_due) == (None, None, None)
    html = client.get(edit_url(submitted)).content.decode()
    assert 'name="last_reviewed"' not in html
    assert 'name="reviewer"' not in html
    assert "Recorded when a Clinical reviewer approves the page" in html


def test_a_reviewers_approval_records_the_sign_off(client, signing_reviewer, submitted):
    client.force_login(signing_reviewer)
    response = client.post(
        action_url(submitted, "approve"), {"next_review_in": "12", "comment": "Checked."}
    )
    assert response.status_code == 302
    page = TreatmentPage.objects.get(pk=submitted.pk)
    assert page.live and not page.workflow_in_progress
    assert page.last_reviewed == datetime.date(2026, 11, 27)
    assert page.next_review_due == datetime.date(2027, 11, 27)
    assert page.reviewer.name == "Dr. Amara Okafor"
    assert f"Approved and published '{page.title}'." in messages_of(response)

    entry = PageLogEntry.objects.get(page=page, action="clinic.sign_off")
    assert entry.user == signing_reviewer
    assert entry.data == {
        "reviewer": "Dr. Amara Okafor, MD, psychiatrist",
        "last_reviewed": "2026-11-27",
        "next_review_due": "2027-11-27",
        # The grade it went live at (an easy page: no reason asked for, none recorded).
        "reading_grade": entry.data["reading_grade"],
        "reading_scale": "grade",  # a Spanish page's is INFLESZ
        "grade_limit": 10.0,
        "reason": "",
        # What it approved: the fingerprint of the content that went live.
        "fingerprint": content_fingerprint(page),
    }
    assert entry.data["reading_grade"] <= 8
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Medical sign-off by Dr. Amara Okafor, MD, psychiatrist" in history

    client.logout()
    html = client.get(page.url).content.decode()
    assert "Medically reviewed by Dr. Amara Okafor, MD, psychiatrist" in html
    assert '<time datetime="2026-11-27">27 November 2026</time>' in html
    assert '"lastReviewed":"2026-11-27"' in html
    assert '"reviewedBy":{"@type":"Person","name":"Dr. Amara Okafor"' in html


@pytest.mark.parametrize(
    ("months", "due"), [("6", datetime.date(2027, 5, 27)), ("36", datetime.date(2029, 11, 27))]
)
def test_the_reviewer_chooses_when_the_next_review_is_due(
    client, signing_reviewer, submitted, months, due
):
    client.force_login(signing_reviewer)
    client.post(action_url(submitted, "approve"), {"next_review_in": months, "comment": ""})
    assert TreatmentPage.objects.get(pk=submitted.pk).next_review_due == due


def test_a_next_review_beyond_three_years_is_refused(client, signing_reviewer, submitted):
    client.force_login(signing_reviewer)
    client.post(action_url(submitted, "approve"), {"next_review_in": "48", "comment": ""})
    page = TreatmentPage.objects.get(pk=submitted.pk)
    assert not page.live and page.workflow_in_progress and page.last_reviewed is None


def test_approving_in_the_editor_records_the_sign_off_and_says_so(
    client, signing_reviewer, submitted
):
    client.force_login(signing_reviewer)
    data = treatment_form_data(body=complete_body(), slug=submitted.slug)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps({"next_review_in": "24", "comment": ""})
    response = client.post(edit_url(submitted), data)
    assert response.status_code == 302
    page = TreatmentPage.objects.get(pk=submitted.pk)
    assert page.live and page.next_review_due == datetime.date(2028, 11, 27)
    assert f"Approved and published '{page.title}'." in messages_of(response)


def test_a_scheduled_approval_says_when_the_page_goes_live(client, signing_reviewer, submitted):
    revision = submitted.get_latest_revision()
    go_live = datetime.datetime(2026, 12, 1, 14, 0, tzinfo=datetime.UTC)
    page = revision.as_object()
    page.go_live_at = go_live
    revision.content = page.serializable_data()
    revision.save()
    client.force_login(signing_reviewer)
    response = client.post(action_url(submitted, "approve"), {"next_review_in": "12"})
    assert not TreatmentPage.objects.get(pk=submitted.pk).live
    assert f"Approved '{page.title}'; publishing at 1 December 2026, 09:00." in (
        messages_of(response)
    )


def test_a_reviewer_without_a_linked_person_cannot_approve(client, reviewer, submitted):
    client.force_login(reviewer)
    task = submitted.current_workflow_task
    assert [name for name, *_ in task.get_actions(submitted, reviewer)] == ["reject"]
    assert NO_PERSON in shown(client.get(edit_url(submitted)))
    assert refused(client.post(action_url(submitted, "approve"), {"next_review_in": "12"}))
    assert not TreatmentPage.objects.get(pk=submitted.pk).live


def test_a_clinician_cannot_approve(client, clinician, submitted):
    assert refused(client.post(action_url(submitted, "approve"), {"next_review_in": "12"}))
    assert not TreatmentPage.objects.get(pk=submitted.pk).live


def test_a_forged_publish_from_a_clinician_is_refused(client, clinician, treatment_index):
    client.force_login(clinician)
    data = treatment_form_data(body=complete_body(), reviewer=PersonFactory())
    assert client.post(add_url(treatment_index), data).status_code == 302  # a draft
    page = TreatmentPage.objects.get()
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "You cannot publish: submit the page for clinical review."
    ]
    page.refresh_from_db()
    assert not page.live and page.last_reviewed is None and page.reviewer is None


@pytest.mark.parametrize("role", ["booking_manager", "clinician"])
def test_only_reviewers_and_administrators_may_approve(client, submitted, role, request):
    user = request.getfixturevalue(role)
    PersonFactory(user=user)
    client.force_login(user)
    assert refused(client.post(action_url(submitted, "approve"), {"next_review_in": "12"}))
    assert not TreatmentPage.objects.get(pk=submitted.pk).live


def test_an_administrator_linked_to_a_person_may_approve(client, superuser, submitted):
    PersonFactory(name="Dr. Site Admin", user=superuser)
    client.force_login(superuser)
    client.post(action_url(submitted, "approve"), {"next_review_in": "12"})
    assert TreatmentPage.objects.get(pk=submitted.pk).reviewer.name == "Dr. Site Admin"


def test_publishing_from_the_editor_without_a_review_is_refused(client, superuser, treatment_index):
    client.force_login(superuser)
    data = treatment_form_data(body=complete_body())
    data["action-publish"] = "action-publish"
    response = client.post(add_url(treatment_index), data)
    assert response.status_code == 200
    assert f"Before you publish: {NO_REVIEW}" in response.context["form"].non_field_errors()
    assert not TreatmentPage.objects.exists()


def test_no_route_in_code_puts_an_unreviewed_page_live(treatment_index):
    page = TreatmentPageFactory(
        parent=treatment_index, live=False, last_reviewed=None, next_review_due=None, reviewer=None
    )
    with pytest.raises(ReviewMissing, match="no recorded clinical review"):
        page.save_revision().publish()
    assert not TreatmentPage.objects.get(pk=page.pk).live


def test_a_scheduled_publish_of_an_unreviewed_page_does_not_go_live(treatment_index):
    page = TreatmentPageFactory(
        parent=treatment_index, live=False, last_reviewed=None, next_review_due=None, reviewer=None
    )
    revision = page.save_revision()
    revision.approved_go_live_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    revision.save()
    call_command("publish_scheduled")
    assert not TreatmentPage.objects.get(pk=page.pk).live


def test_reverting_to_an_unreviewed_revision_cannot_publish_it(client, superuser, treatment_index):
    page = TreatmentPageFactory(
        parent=treatment_index, live=False, last_reviewed=None, next_review_due=None, reviewer=None
    )
    old = page.save_revision()
    client.force_login(superuser)
    data = treatment_form_data(body=complete_body(), slug=page.slug)
    data["action-publish"] = "action-publish"
    data["revision"] = str(old.pk)
    response = client.post(edit_url(page), data)
    assert f"Before you publish: {NO_REVIEW}" in response.context["form"].non_field_errors()
    assert not TreatmentPage.objects.get(pk=page.pk).live


def test_submitting_without_every_section_lists_what_is_missing(client, clinician, treatment_index):
    client.force_login(clinician)
    body = [*section("what-it-is", "What it is"), ("heading", {"text": "Costs", "level": "h2"})]
    body += section("cost", "Cost and insurance")[:1]  # a tagged heading with nothing under it
    data = treatment_form_data(body=body)
    data["action-submit"] = "action-submit"
    response = client.post(add_url(treatment_index), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Before you submit for review, add these sections: How it is thought to work, "
        "Who it may help, Who it may not suit, Risks and side effects, What to expect, "
        "Cost and insurance, Questions people ask (at least one FAQ)."
    ]
    # A draft may be incomplete.
    del data["action-submit"]
    assert client.post(add_url(treatment_index), data).status_code == 302


def test_a_reviewer_sees_the_missing_sections_instead_of_an_approve_button(
    client, clinician, signing_reviewer, treatment_index
):
    page = TreatmentPageFactory(parent=treatment_index, live=False, last_reviewed=None)
    page.save_revision(user=clinician)
    treatment_index.get_workflow().start(page, clinician)
    client.force_login(signing_reviewer)
    html_shown = shown(client.get(edit_url(page)))
    assert "Before you approve, the page needs these sections: What it is, How it" in html_shown
    assert refused(client.post(action_url(page, "approve"), {"next_review_in": "12"}))
    assert not TreatmentPage.objects.get(pk=page.pk).live


def test_the_authors_see_the_reviewers_request_for_changes_until_they_resubmit(
    client, clinician, signing_reviewer, submitted
):
    client.force_login(signing_reviewer)
    client.post(action_url(submitted, "reject"), {"comment": "Please add the costs of boosters."})
    client.force_login(clinician)
    signing_reviewer.first_name, signing_reviewer.last_name = "Amara", "Okafor"
    signing_reviewer.save()
    assert "Amara Okafor asked for changes: “Please add the costs of boosters.”" in shown(
        client.get(edit_url(submitted))
    )

    data = treatment_form_data(body=complete_body(), slug=submitted.slug)
    data["action-submit"] = "action-submit"
    assert client.post(edit_url(submitted), data).status_code == 302
    assert "asked for changes" not in shown(client.get(edit_url(submitted)))


def test_only_reviewers_and_administrators_edit_people(client, clinician, reviewer, superuser):
    person = PersonFactory(name="Dr. Lena Whitfield", credentials="MD")
    url = reverse("wagtailsnippets_clinic_person:edit", args=[person.pk])
    form = {"name": "Dr. Lena Whitfield", "credentials": "Professor", "role": "", "bio": ""}

    client.force_login(clinician)
    assert client.post(url, form).status_code in (302, 403)
    person.refresh_from_db()
    assert person.credentials == "MD"
    chooser = reverse("wagtailsnippetchoosers_clinic_person:choose")
    assert client.get(chooser).status_code == 200  # clinicians still choose authors

    client.force_login(reviewer)
    assert 'name="user"' not in client.get(url).content.decode()
    assert client.post(url, form).status_code == 302
    person.refresh_from_db()
    assert person.credentials == "Professor"

    client.force_login(superuser)
    account = UserFactory(username="lena")
    assert 'name="user"' in client.get(url).content.decode()
    client.post(url, {**form, "user": str(account.pk)})
    person.refresh_from_db()
    assert person.user == account


def test_pages_without_a_medical_review_are_approved_without_a_sign_off(
    client, clinician, reviewer, home_page
):
    """An about or contact page goes through the same workflow; nothing is stamped on it."""
    page = StandardPageFactory(parent=home_page, live=False)
    page.save_revision(user=clinician)
    home_page.get_workflow().start(page, clinician)
    client.force_login(reviewer)  # no linked Person: none is needed here
    response = client.post(action_url(page, "approve"), {"next_review_in": "12"})
    assert response.status_code == 302
    assert StandardPage.objects.get(pk=page.pk).live
    assert not PageLogEntry.objects.filter(page=page, action="clinic.sign_off").exists()


def test_the_reviewer_judges_the_revision_under_review_not_the_live_version(
    client, clinician, signing_reviewer, treatment_index
):
    """A live page written before sections existed, now revised with all of them."""
    page = TreatmentPageFactory(parent=treatment_index)  # live, short body: sections missing
    client.force_login(clinician)
    data = treatment_form_data(body=complete_body(), slug=page.slug)
    data["action-submit"] = "action-submit"
    assert client.post(edit_url(page), data).status_code == 302
    page = TreatmentPage.objects.get(pk=page.pk)
    actions = page.current_workflow_task.get_actions(page, signing_reviewer)
    assert "approve" in [name for name, *_ in actions]
