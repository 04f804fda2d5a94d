"""Reviewed means this version: a changed health page never reaches visitors without a new
sign-off, whatever the route and whoever presses the button; an unchanged one (an SEO edit)
goes live as it is.

Each test starts from a page a clinician wrote and a Clinical reviewer signed off through the
workflow, then tries one route with one role to put "Take twice the dose if you feel nothing."
live, and looks at what a visitor gets and at the page's history.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, PageLogEntry

from clinic.editorial.publish_guard import SCHEDULED_PUBLISH_REFUSED
from clinic.editorial.review_dates import ReviewMissing
from clinic.editorial.reviewed_content import (
    CHANGED_SINCE_REVIEW,
    SIGN_OFF_ACTION,
    content_fingerprint,
)
from tests.factories import PersonFactory, StandardPageFactory, SuperuserFactory, UserFactory
from tests.treatments.admin_forms import complete_body, section, treatment_form_data
from tests.treatments.factories import TreatmentPageFactory
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 27, 15, 0, tzinfo=datetime.UTC)
DANGEROUS = "Take twice the dose if you feel nothing."
ROLES = ["administrator", "reviewer", "moderator", "editor", "clinician"]
SIGNERS = ["administrator", "reviewer"]


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=True):
        yield


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def sign_off_url(page):
    return reverse("clinic_sign_off_and_publish", args=[page.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def changed_body():
    return [*complete_body(), *section("risks", "A new warning", f"<p>{DANGEROUS}</p>")[1:]]


def form(body=None, **fields):
    return treatment_form_data(body=body if body is not None else complete_body(), **fields)


def visitor_sees(page):
    return Client().get(Page.objects.get(pk=page.pk).url).content.decode()


def sign_offs(page):
    return PageLogEntry.objects.filter(page_id=page.pk, action=SIGN_OFF_ACTION).count()


@pytest.fixture
def people(clinician, signing_reviewer):
    admin = SuperuserFactory(username="admin-signer")
    PersonFactory(name="Dr. Ada Admin", user=admin)
    return {
        "administrator": admin,
        "reviewer": signing_reviewer,
        "moderator": UserFactory(username="moderator", groups=["Moderators"], is_staff=True),
        "editor": UserFactory(username="editor", groups=["Editors"], is_staff=True),
        "clinician": clinician,
    }


@pytest.fixture
def reviewed(client, people, treatment_index):
    """A treatment page written by a clinician and signed off in the workflow: live."""
    client.force_login(people["clinician"])
    data = form()
    data["action-submit"] = "action-submit"
    add = reverse(
        "wagtailadmin_pages:add", args=("treatments", "treatmentpage", treatment_index.pk)
    )
    assert client.post(add, data).status_code == 302
    page = TreatmentPage.objects.get()
    client.force_login(people["reviewer"])
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    action = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    assert client.post(action, {"next_review_in": "12", "comment": ""}).status_code == 302
    page.refresh_from_db()
    assert page.live and sign_offs(page) == 1
    client.logout()
    return page


def assert_still_reviewed(page):
    """What visitors read is the signed-off version, under its sign-off."""
    live = TreatmentPage.objects.get(pk=page.pk)
    assert DANGEROUS not in visitor_sees(live)
    assert (
        content_fingerprint(live)
        == PageLogEntry.objects.filter(page_id=page.pk, action=SIGN_OFF_ACTION)
        .latest("timestamp")
        .data["fingerprint"]
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_editors_publish_never_puts_a_change_live(client, people, reviewed, role):
    client.force_login(people[role])
    data = form(changed_body())
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(reviewed), data)

    assert_still_reviewed(reviewed)
    assert sign_offs(reviewed) == 1
    if role in SIGNERS:  # saved as a draft, then to the sign-off form
        assert response.url == sign_off_url(reviewed)
        latest = Page.objects.get(pk=reviewed.pk).get_latest_revision()
        assert DANGEROUS in str(latest.content["body"])
    else:  # the form comes back, as it was typed, with the reason
        assert response.status_code == 200
        assert DANGEROUS in response.content.decode()
        errors = response.context["form"].non_field_errors()
        assert "You cannot publish: submit the page for clinical review." in errors


@pytest.mark.parametrize("role", SIGNERS)
def test_a_plain_publish_of_a_page_in_review_leaves_the_review_open(client, people, reviewed, role):
    client.force_login(people["clinician"])
    data = form(changed_body())
    data["action-submit"] = "action-submit"
    client.post(edit_url(reviewed), data)
    client.force_login(people[role])
    data = form(changed_body())
    data["action-publish"] = "action-publish"

    response = client.post(edit_url(reviewed), data)

    assert response.url == sign_off_url(reviewed)
    assert_still_reviewed(reviewed)
    assert Page.objects.get(pk=reviewed.pk).workflow_in_progress


@pytest.mark.parametrize("role", SIGNERS)
def test_a_signer_who_publishes_their_own_edit_signs_it_off_in_the_same_step(
    client, people, reviewed, role
):
    client.force_login(people[role])
    data = form(changed_body())
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(reviewed), data, follow=True)
    assert "Sign off and publish" in response.content.decode()
    assert response.context["form"].fields["next_review_in"].initial == "12"
    compare = reverse("wagtailadmin_pages:revisions_compare", args=(reviewed.pk, "live", "latest"))
    assert compare in response.content.decode()
    assert DANGEROUS in client.get(compare).content.decode()  # what the sign-off adds

    response = client.post(sign_off_url(reviewed), {"next_review_in": "6", "comment": ""})

    assert response.url == edit_url(reviewed)
    live = TreatmentPage.objects.get(pk=reviewed.pk)
    assert DANGEROUS in visitor_sees(live)
    entry = PageLogEntry.objects.filter(page_id=live.pk, action=SIGN_OFF_ACTION).latest("pk")
    assert entry.user == people[role]
    assert entry.data["fingerprint"] == content_fingerprint(live)
    assert live.reviewer == people[role].person
    assert live.next_review_due == datetime.date(2027, 5, 27)


@pytest.mark.parametrize("role", ["moderator", "editor", "clinician"])
def test_only_signers_reach_the_sign_off_form(client, people, reviewed, role):
    client.force_login(people[role])
    response = client.post(sign_off_url(reviewed), {"next_review_in": "12", "comment": ""})
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    assert sign_offs(reviewed) == 1


@pytest.mark.parametrize("role", ["administrator", "reviewer", "moderator", "editor"])
def test_an_seo_edit_goes_live_without_a_new_sign_off(client, people, reviewed, role):
    client.force_login(people[role])
    data = form(seo_title="Ketamine infusions | Northbridge")
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(reviewed), data)
    live = TreatmentPage.objects.get(pk=reviewed.pk)
    if role in SIGNERS:
        assert response.url != sign_off_url(reviewed)
        assert live.seo_title == "Ketamine infusions | Northbridge"
    else:  # Wagtail's default groups no longer publish anything
        assert response.status_code == 200 and live.seo_title == ""
    assert sign_offs(reviewed) == 1


def draft_change(page):
    """A change saved as a draft (as any editor's Save draft does)."""
    draft = TreatmentPage.objects.get(pk=page.pk)
    draft.summary = DANGEROUS
    return draft.save_revision()


@pytest.mark.parametrize("role", SIGNERS)
def test_bulk_publish_publishes_nothing_while_a_page_has_unreviewed_changes(
    client, people, reviewed, role
):
    draft_change(reviewed)
    client.force_login(people[role])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={reviewed.pk}&next=/admin/", {"include_descendants": ""})
    assert response.status_code == 302
    assert any("Nothing was published" in m for m in messages_of(response))
    assert DANGEROUS not in TreatmentPage.objects.get(pk=reviewed.pk).summary


def test_a_scheduled_change_is_set_aside_and_the_rest_published(reviewed, home_page, capsys):
    revision = draft_change(reviewed)
    revision.approved_go_live_at = NOW - datetime.timedelta(hours=1)
    revision.save()
    other = StandardPageFactory(parent=home_page, live=False)
    other_revision = other.save_revision()
    other_revision.approved_go_live_at = NOW - datetime.timedelta(minutes=30)
    other_revision.save()

    call_command("publish_scheduled")

    assert_still_reviewed(reviewed)
    assert Page.objects.get(pk=other.pk).live  # the later schedule was not held back
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None  # not tried again on every run
    assert PageLogEntry.objects.filter(page_id=reviewed.pk, action=SCHEDULED_PUBLISH_REFUSED)
    assert "has changes no Clinical reviewer signed off" in capsys.readouterr().err


def test_reverting_to_an_earlier_signed_off_version_needs_a_new_sign_off(client, people, reviewed):
    first = reviewed.live_revision
    client.force_login(people["reviewer"])
    data = form(changed_body())
    data["action-publish"] = "action-publish"
    client.post(edit_url(reviewed), data)
    client.post(sign_off_url(reviewed), {"next_review_in": "12", "comment": ""})
    assert sign_offs(reviewed) == 2

    with pytest.raises(ReviewMissing):
        first.publish(user=people["administrator"])
    client.force_login(people["administrator"])
    data = form()
    data["action-publish"] = "action-publish"
    data["revision"] = str(first.pk)
    response = client.post(edit_url(reviewed), data)
    assert response.url == sign_off_url(reviewed)
    assert DANGEROUS in visitor_sees(reviewed)  # the version signed off last stays live


def copy(client, page, **extra):
    data = {"new_title": "Copy", "new_slug": "copy", "new_parent_page": str(page.get_parent().pk)}
    return client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), {**data, **extra})


def test_a_copy_is_never_kept_live_before_its_own_review(client, people, reviewed):
    draft_change(reviewed)
    client.force_login(people["administrator"])

    response = copy(client, reviewed, publish_copies="on")

    assert response.status_code == 302
    assert any("Not copied: a copy of a health page" in m for m in messages_of(response))
    assert not TreatmentPage.objects.filter(slug="copy").exists()
    # As a draft, the copy is made: it goes live through its own review.
    assert copy(client, reviewed).status_code == 302
    draft = TreatmentPage.objects.get(slug="copy")
    assert not draft.live
    with pytest.raises(ReviewMissing):
        draft.get_latest_revision().publish()
    assert not TreatmentPage.objects.get(slug="copy").live


def test_an_alias_shows_only_what_its_original_signed_off(people, reviewed):
    alias = reviewed.create_alias(update_slug="alias-of-infusions")
    assert alias.live and alias.specific.summary == reviewed.summary
    with pytest.raises(ReviewMissing):
        draft_change(reviewed).publish(user=people["administrator"])
    assert DANGEROUS not in TreatmentPage.objects.get(pk=alias.pk).summary


def test_code_and_commands_cannot_put_a_change_live(reviewed):
    """The model refuses on its own: a shell, a data migration or a command gets no further."""
    with pytest.raises(ReviewMissing, match="no Clinical reviewer has signed off"):
        draft_change(reviewed).publish()
    page = TreatmentPage.objects.get(pk=reviewed.pk)
    page.seo_title = "Ketamine infusions"  # not part of the review: saved
    page.save()
    page.summary = DANGEROUS
    with pytest.raises(ReviewMissing):
        page.save()
    assert_still_reviewed(reviewed)


def test_the_admin_api_publish_is_refused_with_the_message(client, people, reviewed):
    draft_change(reviewed)
    client.force_login(people["administrator"])
    response = client.post(f"/admin/api/main/pages/{reviewed.pk}/action/publish/")
    assert response.status_code == 400
    assert CHANGED_SINCE_REVIEW in response.content.decode()
    assert_still_reviewed(reviewed)


def test_moving_a_page_needs_no_new_sign_off(reviewed, treatment_index):
    reviewed.move(treatment_index, pos="first-child")
    assert TreatmentPage.objects.get(pk=reviewed.pk).live
    assert sign_offs(reviewed) == 1


def test_wagtails_default_groups_hold_no_publish_rights():
    for name in ("Moderators", "Editors"):
        assert Group.objects.filter(name=name).exists()  # kept, for editing
        assert not GroupPagePermission.objects.filter(
            group__name=name, permission__codename="publish_page"
        ).exists()


def test_a_picture_deleted_from_the_library_changes_the_page(treatment_index):
    page = TreatmentPageFactory(parent=treatment_index)
    page.seo_title = "Before"  # not part of the review: saved as it is
    page.save()
    page.hero_image.delete()
    page = TreatmentPage.objects.get(pk=page.pk)
    page.seo_title = "After"
    with pytest.raises(ReviewMissing):
        page.save()


def test_a_page_signed_off_before_fingerprints_were_recorded_keeps_its_live_text(
    treatment_index,
):
    """After the upgrade: no fingerprint anywhere, so the live text is what was reviewed."""
    page = TreatmentPageFactory(parent=treatment_index)
    TreatmentPage.objects.filter(pk=page.pk).update(reviewed_fingerprint="")
    page = TreatmentPage.objects.get(pk=page.pk)
    page.seo_title = "Ketamine infusions"
    page.save_revision().publish()  # unchanged text: goes live
    page = TreatmentPage.objects.get(pk=page.pk)
    page.summary = DANGEROUS
    with pytest.raises(ReviewMissing):
        page.save_revision().publish()
    assert DANGEROUS not in visitor_sees(page)
