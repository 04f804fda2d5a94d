"""What a Clinical reviewer does in the admin, for the tests of signing off in a language."""

from django.urls import reverse
from wagtail.models import Page

from clinic.security.groups import CLINICAL_REVIEWERS
from tests.factories import PersonFactory, UserFactory


def reviewer_reading(languages, username):
    """A Clinical reviewer whose People entry lists these languages ("English, Spanish")."""
    user = UserFactory(username=username, groups=[CLINICAL_REVIEWERS])
    PersonFactory(name=f"Dr. {username}", languages=languages, user=user)
    return user


def approve(client, page, user):
    """The reviewer presses Sign off on the page's current review task."""
    client.force_login(user)
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {"next_review_in": "12", "comment": ""})
