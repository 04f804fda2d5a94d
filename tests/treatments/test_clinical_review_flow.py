"""A clinician writes and submits a treatment page; a reviewer approves and it goes live."""

import pytest
from django.urls import reverse
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import rich_text

from treatments.models import TreatmentPage

from ..factories import ImageFactory, PersonFactory
from .admin_forms import list_block, treatment_form_data

pytestmark = pytest.mark.django_db


def test_clinical_review_workflow_is_assigned_to_the_root_page():
    workflow = Workflow.objects.get(name="Clinical review")
    assert workflow.active
    root = Page.get_first_root_node()
    assert root.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Clinical reviewers"]


def test_the_treatments_section_goes_through_clinical_review(treatment_index):
    assert treatment_index.get_workflow().name == "Clinical review"


def body_using_the_form_blocks(image):
    return [
        ("heading", {"text": "What it is", "level": "h2", "anchor": ""}),
        ("paragraph", rich_text("<p>An anaesthetic, used at low doses.</p>")),
        (
            "image",
            {"image": str(image.pk), "alt_text": "A calm room", "decorative": "", "caption": ""},
        ),
        (
            "faq",
            {
                "heading": "Questions people ask",
                "heading_level": "h2",
                "items": list_block(
                    [{"question": "Can I drive?", "answer": rich_text("<p>No.</p>")}]
                ),
            },
        ),
        (
            "checklist",
            {
                "heading": "Who it may not suit",
                "heading_level": "h2",
                "tone": "caution",
                "items": list_block(["People who have had psychosis"]),
            },
        ),
        (
            "video",
            {
                "video": "https://www.youtube.com/watch?v=abc",
                "title": "A session",
                "description": "",
            },
        ),
    ]


def test_clinician_submits_and_reviewer_approves_then_the_page_is_live(
    client, clinician, reviewer, treatment_index, fake_embed_finder
):
    person = PersonFactory(name="Dr. Amara Okafor", credentials="MD, psychiatrist")
    client.force_login(clinician)
    data = treatment_form_data(body=body_using_the_form_blocks(ImageFactory()), reviewer=person)
    data["action-submit"] = "action-submit"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", treatment_index.pk)),
        data,
    )
    assert response.status_code == 302, response.context["form"].errors

    page = TreatmentPage.objects.get()
    assert not page.live
    assert page.workflow_in_progress
    task_state = page.current_workflow_task_state
    assert task_state.task.name == "Clinical review"
    assert fake_embed_finder == ["https://www.youtube.com/watch?v=abc"]

    # A clinician cannot approve their own page.
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
    )
    client.post(approve_url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress

    client.force_login(reviewer)
    response = client.post(approve_url, {"comment": "Checked against the current guidance."})
    assert response.status_code == 302

    page.refresh_from_db()
    assert page.live
    assert not page.workflow_in_progress
    assert page.reviewer == person

    client.logout()
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Ketamine infusion therapy" in html
    assert "Medically reviewed by Dr. Amara Okafor, MD, psychiatrist" in html
    assert "<details" in html and "Can I drive?" in html


def test_clinicians_cannot_publish_directly(client, clinician, treatment_index):
    client.force_login(clinician)
    data = treatment_form_data(reviewer=PersonFactory())
    data["action-publish"] = "action-publish"
    client.post(
        reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", treatment_index.pk)),
        data,
    )
    assert not TreatmentPage.objects.live().exists()


def test_approving_from_the_dashboard_without_review_metadata_publishes_nothing(
    client, clinician, reviewer, treatment_index
):
    client.force_login(clinician)
    data = treatment_form_data(reviewer=None, last_reviewed="")
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", treatment_index.pk)),
        data,
    )
    assert response.status_code == 302
    page = TreatmentPage.objects.get()
    # A draft without metadata cannot be submitted from the editor, but a workflow may still
    # reach it (for example started before the metadata was removed in a later draft).
    page.save_revision(user=clinician)
    workflow = treatment_index.get_workflow()
    workflow.start(page, clinician)
    task_state = page.current_workflow_task_state

    client.force_login(reviewer)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress
