"""The admin offers each role only what it can finish: Clinicians see no bulk Publish or
Unpublish under a page listing (they cannot publish), and a Booking manager's dashboard has no
"Search all pages" box (it could only lead to "permission denied")."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db

BULK = "/admin/bulk/wagtailcore/page/{}/"


def bulk_actions_offered(client, user, parent):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
    assert response.status_code == 200
    footer = BeautifulSoup(response.content, "html.parser").select_one("[data-bulk-action-footer]")
    return {link["href"].split("?")[0] for link in footer.select("[data-bulk-action-button]")}


@pytest.mark.parametrize(
    "role, may_publish",
    [("clinician", False), ("reviewer", True), ("superuser", True)],
)
def test_bulk_publish_and_unpublish_are_offered_only_to_those_who_can_publish(
    request, client, home_page, role, may_publish
):
    offered = bulk_actions_offered(client, request.getfixturevalue(role), home_page.get_parent())
    for action in ("publish", "unpublish"):
        assert (BULK.format(action) in offered) is may_publish, (role, action, offered)
    assert BULK.format("move") in offered  # the rest of Wagtail's actions stay


def dashboard_search(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one('main form[role="search"]')


def test_a_booking_managers_dashboard_has_no_page_search(client, booking_manager):
    assert dashboard_search(client, booking_manager) is None


def test_the_page_search_a_manager_is_not_offered_is_one_they_cannot_use(client, booking_manager):
    client.force_login(booking_manager)
    response = client.get(reverse("wagtailadmin_explore_root") + "?q=anything")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", ["clinician", "reviewer", "superuser"])
def test_people_who_edit_pages_keep_the_dashboards_page_search(request, client, site, role):
    form = dashboard_search(client, request.getfixturevalue(role))
    assert form is not None
    assert client.get(form["action"], {"q": "anything"}).status_code == 200  # a place they may go
