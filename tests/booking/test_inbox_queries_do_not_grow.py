"""The inbox's first page runs the same queries for 5 booking requests as for 50,000.

A query per row (its treatment page, its owner) or per page of results would show as a
difference between the two counts; a bound above them catches a new query that runs whatever
the number of rows.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booking.consent import CURRENT_CONSENT_VERSION
from booking.models import BookingSubmission
from booking.queue import Status, search_tokens
from clinic.security.groups import BOOKING_MANAGERS
from tests.factories import UserFactory
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db

FEW = 5
MANY = 50_000
BATCH = 5_000
# Measured: 14 on SQLite and PostgreSQL (session, user and permissions, the filters' choices of
# managers and treatments, the count, the page of rows with their treatment and owner joined,
# the admin's menu). Two to spare, so that a Wagtail upgrade adding a query to every admin
# page does not fail here; a query per row would add 20 or more.
MAX_QUERIES = 16

VIEWS = {
    "open": "",
    "all-newest-first": "?status=all&ordering=-submit_time",
}
# Every row of the first five differs: open or finished, a treatment or not, an owner or not.
STATUSES = [Status.NEW, Status.CONTACTED, Status.NO_REPLY, Status.CLOSED, Status.BOOKED]
FORM_DATA = {"full_name": "Sam Sample", "email": "sam@example.com", "phone": ""}


@pytest.fixture
def services(home_page):
    index = TreatmentIndexPageFactory(parent=home_page)
    return [
        TreatmentPageFactory(parent=index, title=title, hero_image=None)
        for title in ("Ketamine infusion", "Esketamine spray")
    ]


def add_requests(page, start, count, owners, treatments):
    """bulk_create skips save(), so the derived fields are set here: one search_tokens string
    for all (they are the same person), and due times from 4 days late to 4 days ahead."""
    tokens = search_tokens(FORM_DATA["full_name"], FORM_DATA["email"], FORM_DATA["phone"])
    now = timezone.now()
    for first in range(start, start + count, BATCH):
        BookingSubmission.objects.bulk_create(
            BookingSubmission(
                page=page,
                form_data=FORM_DATA,
                consent_version=CURRENT_CONSENT_VERSION,
                consented_at=now,
                status=STATUSES[n % len(STATUSES)],
                owner=owners[n % len(owners)],
                service_page=treatments[n % len(treatments)],
                reply_due=now + datetime.timedelta(hours=n % 193 - 96),
                search_tokens=tokens,
            )
            for n in range(first, min(first + BATCH, start + count))
        )


def count_queries(client, url, bound):
    """The queries of a warm inbox page (the first view fills caches), within the bound."""
    assert client.get(url).status_code == 200
    with bound(MAX_QUERIES), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def rows_shown(response):
    return len(response.context["page_obj"].object_list)


def test_the_inbox_runs_the_same_queries_for_5_and_50000_requests(
    client, booking_page, booking_manager, services, django_assert_max_num_queries
):
    colleague = UserFactory(username="colleague", groups=[BOOKING_MANAGERS])
    owners = [None, booking_manager, colleague]
    client.force_login(booking_manager)
    inbox = reverse("booking_requests:index")
    treatments = [None, *services]  # None: "Not sure yet"

    add_requests(booking_page, 0, FEW, owners, treatments)
    few = {}
    for view, query in VIEWS.items():
        few[view], response = count_queries(client, inbox + query, django_assert_max_num_queries)
        assert rows_shown(response) == (3 if view == "open" else FEW)

    add_requests(booking_page, FEW, MANY - FEW, owners, treatments)
    many = {}
    for view, query in VIEWS.items():
        many[view], response = count_queries(client, inbox + query, django_assert_max_num_queries)
        assert rows_shown(response) == response.context["paginator"].per_page  # a full page

    print(f"\nQUERIES {few} with {FEW} requests, {many} with {MANY:,}")
    assert few == many
