"""The dashboard panel: managers see new, overdue and own request counts linking to the inbox."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.home import HomeView

from booking.dashboard import BookingRequestsPanel
from booking.queue import Status
from clinic.security.groups import BOOKING_MANAGERS
from tests.booking.factories import BookingSubmissionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Quinn Confidential"


def request_due(page, hours_from_now, status=Status.NEW, owner=None):
    return BookingSubmissionFactory(
        page=page,
        reply_due=timezone.now() + datetime.timedelta(hours=hours_from_now),
        status=status,
        owner=owner,
        form_data={"full_name": SECRET_NAME, "email": "quinn@example.com"},
    )


@pytest.fixture
def queue_of_requests(booking_page, booking_manager):
    """4 New, 2 of them overdue; the manager has 3 open (1 New) and 1 closed."""
    colleague = UserFactory(username="colleague", groups=[BOOKING_MANAGERS])
    request_due(booking_page, -30)
    request_due(booking_page, -2, owner=colleague)
    request_due(booking_page, 20)
    request_due(booking_page, 40, owner=booking_manager)
    request_due(booking_page, -50, Status.CONTACTED, owner=booking_manager)  # not overdue
    request_due(booking_page, -70, Status.NO_REPLY, owner=booking_manager)
    request_due(booking_page, -60, Status.CLOSED, owner=booking_manager)  # not open


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def counts(soup):
    """{key: (link text, href, is_alert)} of the panel's count links."""
    return {
        item["data-count"]: (
            item.a.get_text(" ", strip=True),
            item.a["href"],
            "w-font-bold" in item.a.get("class", []),
        )
        for item in soup.select("#booking-request-counts li")
    }


def inbox(query):
    return reverse("booking_requests:index") + query


def test_manager_sees_new_overdue_and_own_counts_linking_to_the_filtered_inbox(
    client, queue_of_requests, booking_manager
):
    soup = dashboard(client, booking_manager)
    panel = soup.select_one("#booking-requests-section")
    assert panel.select_one("h2").get_text(strip=True) == "Booking requests"
    assert counts(soup) == {
        "new": ("4 new", inbox("?status=new"), False),
        "overdue": ("2 overdue", inbox("?overdue=yes"), True),
        "mine": ("3 assigned to you", inbox("?owner=me"), False),
    }
    assert SECRET_NAME not in str(panel)


def test_overdue_requests_stand_out_by_icon_and_weight_not_colour_alone(
    client, queue_of_requests, booking_manager
):
    overdue = dashboard(client, booking_manager).select_one('[data-count="overdue"]')
    assert overdue.select_one("svg.icon-warning") is not None
    assert "w-font-bold" in overdue.a["class"]


def test_no_overdue_requests_are_shown_plainly(client, booking_page, booking_manager):
    request_due(booking_page, 5)
    soup = dashboard(client, booking_manager)
    assert counts(soup) == {
        "new": ("1 new", inbox("?status=new"), False),
        "overdue": ("0 overdue", inbox("?overdue=yes"), False),
        "mine": ("0 assigned to you", inbox("?owner=me"), False),
    }
    assert soup.select_one('[data-count="overdue"] svg.icon-warning') is None


@pytest.mark.parametrize("who", ["clinician", "page_editor"])
def test_the_panel_is_absent_for_clinicians_and_editors(client, queue_of_requests, request, who):
    soup = dashboard(client, request.getfixturevalue(who))
    assert soup.select_one("#booking-requests-section") is None
    assert "Booking requests" not in str(soup)


def test_the_panel_comes_first_on_the_dashboard(rf, superuser):
    request = rf.get(reverse("wagtailadmin_home"))
    request.user = superuser
    view = HomeView()
    view.setup(request)
    panels = sorted(view.get_panels(), key=lambda panel: panel.order)
    assert isinstance(panels[0], BookingRequestsPanel)


def test_the_panel_counts_in_three_queries_at_most(
    rf, queue_of_requests, booking_manager, django_assert_max_num_queries
):
    panel = BookingRequestsPanel(booking_manager)
    request = rf.get("/")
    request.user = booking_manager
    with django_assert_max_num_queries(3):
        html = panel.render_html({"request": request})
    assert "2 overdue" in html
