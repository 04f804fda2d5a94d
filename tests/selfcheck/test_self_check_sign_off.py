"""The self-check's words are health information: they go live only as a Clinical reviewer
signed them off, on every route a change could take (the editor's Publish for each role, bulk
publish, a schedule, a copy, code, the admin API), as for a treatment page."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text

from clinic.editorial.due_for_review import health_page_fields_are_placed
from clinic.editorial.review_dates import ReviewMissing
from clinic.editorial.reviewed_content import SIGN_OFF_ACTION, content_fingerprint
from selfcheck.models import BAND_FIELDS, SelfCheckPage
from tests.factories import PersonFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

DANGEROUS = "A score this high means ketamine is right for you."
SEVERE_RESULT = {f"item_{n}": "3" for n in range(1, 10)}  # 27: the severe band


def page_form(**changes):
    fields = {
        "title": "Check your mood",
        "slug": "check-your-mood",
        "intro": rich_text("<p>A private check of how you have been.</p>"),
        "next_steps": rich_text("<p>Talk to your doctor.</p>"),
        **{name: rich_text(f"<p>Reviewed words for {name}.</p>") for _, _, name in BAND_FIELDS},
        **{name: rich_text(html) for name, html in changes.items()},
    }
    return nested_form_data(fields)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def sign_offs(page):
    return PageLogEntry.objects.filter(page_id=page.pk, action=SIGN_OFF_ACTION).count()


def severe_result_text(page):
    url = Page.objects.get(pk=page.pk).url + "phq-9/"
    return Client().post(url, SEVERE_RESULT).content.decode()


@pytest.fixture
def people(clinician, signing_reviewer):
    admin = SuperuserFactory(username="admin-signer")
    PersonFactory(name="Dr. Ada Admin", user=admin)
    return {"administrator": admin, "reviewer": signing_reviewer, "clinician": clinician}


@pytest.fixture
def reviewed(client, people, home_page, clinic_contacts):
    """A self-check page a clinician wrote and a Clinical reviewer approved in the workflow."""
    client.force_login(people["clinician"])
    add = reverse("wagtailadmin_pages:add", args=("selfcheck", "selfcheckpage", home_page.pk))
    data = page_form()
    data["action-submit"] = "action-submit"
    assert client.post(add, data).status_code == 302
    page = SelfCheckPage.objects.get()
    assert not page.live  # submitted, not published
    client.force_login(people["reviewer"])
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    action = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    assert client.post(action, {"next_review_in": "12", "comment": ""}).status_code == 302
    page.refresh_from_db()
    assert page.live and sign_offs(page) == 1
    assert page.last_reviewed and page.reviewer == people["reviewer"].person
    client.logout()
    return page


def assert_still_reviewed(page):
    live = SelfCheckPage.objects.get(pk=page.pk)
    assert DANGEROUS not in severe_result_text(live)
    assert "Reviewed words for phq9_severe." in severe_result_text(live)
    latest = PageLogEntry.objects.filter(page_id=page.pk, action=SIGN_OFF_ACTION).latest("pk")
    assert content_fingerprint(live) == latest.data["fingerprint"]


def test_a_clinician_cannot_publish_a_new_self_check_page(client, people, home_page):
    client.force_login(people["clinician"])
    add = reverse("wagtailadmin_pages:add", args=("selfcheck", "selfcheckpage", home_page.pk))
    data = page_form()
    data["action-publish"] = "action-publish"
    client.post(add, data)
    assert not SelfCheckPage.objects.filter(live=True).exists()


@pytest.mark.parametrize("role", ["administrator", "reviewer", "clinician"])
def test_the_editors_publish_of_changed_result_words_never_puts_them_live(
    client, people, reviewed, role
):
    client.force_login(people[role])
    data = page_form(phq9_severe=f"<p>{DANGEROUS}</p>")
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(reviewed), data)

    assert_still_reviewed(reviewed)
    if role == "clinician":
        assert response.status_code == 200
    else:  # saved as a draft, then the sign-off form
        assert response.url == reverse("clinic_sign_off_and_publish", args=[reviewed.pk])


def test_a_signer_signs_off_the_change_and_visitors_then_read_it(client, people, reviewed):
    client.force_login(people["reviewer"])
    data = page_form(phq9_severe="<p>Please talk to a doctor in the next few days.</p>")
    data["action-publish"] = "action-publish"
    client.post(edit_url(reviewed), data)
    sign_off = reverse("clinic_sign_off_and_publish", args=[reviewed.pk])
    client.post(sign_off, {"next_review_in": "12", "comment": ""})
    assert sign_offs(reviewed) == 2
    assert "Please talk to a doctor in the next few days." in severe_result_text(reviewed)


def draft_change(page):
    draft = SelfCheckPage.objects.get(pk=page.pk)
    draft.phq9_severe = f"<p>{DANGEROUS}</p>"
    return draft.save_revision()


def test_bulk_publish_scheduled_publish_code_and_the_api_are_refused(client, people, reviewed):
    revision = draft_change(reviewed)
    client.force_login(people["administrator"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{url}?id={reviewed.pk}&next=/admin/", {"include_descendants": ""})
    assert_still_reviewed(reviewed)

    response = client.post(f"/admin/api/main/pages/{reviewed.pk}/action/publish/")
    assert response.status_code == 400
    assert_still_reviewed(reviewed)

    with pytest.raises(ReviewMissing):
        revision.publish()
    revision.approved_go_live_at = revision.created_at
    revision.save()
    call_command("publish_scheduled")
    assert_still_reviewed(reviewed)


def test_a_copy_is_never_kept_live_before_its_own_review(client, people, reviewed):
    client.force_login(people["administrator"])
    data = {
        "new_title": "Copy",
        "new_slug": "copy",
        "new_parent_page": str(reviewed.get_parent().pk),
        "publish_copies": "on",
    }
    client.post(reverse("wagtailadmin_pages:copy", args=[reviewed.pk]), data)
    assert not SelfCheckPage.objects.filter(slug="copy", live=True).exists()


def test_every_word_a_visitor_reads_is_covered_by_the_sign_off():
    words = {"title", "intro", "next_steps", *(name for _, _, name in BAND_FIELDS)}
    assert words <= set(SelfCheckPage.reviewed_fields)
    assert SelfCheckPage.unreviewed_fields == ("booking_page",)
    errors = health_page_fields_are_placed()
    assert not [error for error in errors if error.obj is SelfCheckPage]
