"""The administrators' report of who can read booking requests, and how they use that access."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.booking.queue_helpers import make_request
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/booking-access/"


def test_the_report_lists_everyone_with_access_and_how_they_use_it(
    client, superuser, booking_manager, clinician, booking_page
):
    direct = UserFactory(username="auditor")
    direct.user_permissions.add(Permission.objects.get(codename="view_bookingsubmission"))
    TOTPDevice.objects.create(user=booking_manager, name="app", confirmed=True)
    request_ = make_request(booking_page)
    client.force_login(booking_manager)
    client.get(reverse("booking_requests:request", args=[request_.pk]))
    client.get(reverse("booking_requests:index") + "?export=csv")

    client.force_login(superuser)
    assert reverse("booking_access_report") == REPORT
    html = client.get(REPORT).content.decode()
    rows = {row.split("</td>")[0]: row for row in html.split("<tr>")[2:]}
    manager_row = next(row for key, row in rows.items() if "manager" in key)
    assert "Booking managers" in manager_row and "Yes" in manager_row
    assert manager_row.count("Never") == 0  # signed in, opened and exported
    assert any("auditor" in key for key in rows)
    assert any("Administrator" in row for row in rows.values())
    assert not any("clinician" in key for key in rows)


@pytest.mark.parametrize("who", ["booking_manager", "clinician"])
def test_only_administrators_see_the_report(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(REPORT).status_code in (302, 403)
    assert "Who can see booking requests" not in client.get("/admin/").content.decode()


def test_the_report_runs_a_fixed_number_of_queries(
    client, superuser, django_assert_max_num_queries
):
    from clinic.security.groups import BOOKING_MANAGERS

    for n in range(10):
        UserFactory(username=f"manager{n}", groups=[BOOKING_MANAGERS])
    client.force_login(superuser)
    with django_assert_max_num_queries(20):
        assert client.get(REPORT).status_code == 200
