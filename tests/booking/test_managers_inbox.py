"""The managers' inbox: the open requests, due soonest first, filtered, searched, exported."""

import csv
import io
import re

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from booking.models import BookingSubmission
from booking.queue import Status
from tests.booking.queue_helpers import hours_from_now, make_request, second_manager
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db

INBOX = "/admin/booking/requests/"


@pytest.fixture
def treatment_page_for_booking(home_page):
    index = TreatmentIndexPageFactory(parent=home_page)
    return TreatmentPageFactory(parent=index, title="Ketamine infusion", slug="infusion")


@pytest.fixture
def manager_client(client, booking_manager):
    client.force_login(booking_manager)
    return client


def references_in(response):
    """The references of the rows, in order, as the inbox lists them."""
    html = response.content.decode()
    found = []
    for part in html.split('href="/admin/booking/requests/')[1:]:
        pk = part.split("/", 1)[0]
        if pk.isdigit():
            found.append(f"NB-{int(pk):04d}")
    return found


def test_the_inbox_address_is_the_one_the_menu_names():
    assert reverse("booking_requests:index") == INBOX


def test_the_inbox_lists_open_requests_due_soonest_first(manager_client, booking_page):
    later = make_request(booking_page, "Later Person", reply_due=hours_from_now(30))
    sooner = make_request(booking_page, "Sooner Person", reply_due=hours_from_now(3))
    late = make_request(booking_page, "Late Person", reply_due=hours_from_now(-5))
    make_request(booking_page, "Closed Person", status=Status.CLOSED, reply_due=hours_from_now(-90))

    response = manager_client.get(INBOX)
    html = response.content.decode()
    assert references_in(response) == [late.reference, sooner.reference, later.reference]
    assert "Closed Person" not in html
    assert "Overdue by 5 h" in html
    assert "Due in 3 h" in html or "Due in 2 h" in html
    # The row is short: the answers are on the request's own page.
    assert "sam@example.com" not in html


def test_filters_by_status_owner_service_and_overdue(
    manager_client, booking_page, booking_manager, treatment_page_for_booking
):
    dana = second_manager()
    mine = make_request(booking_page, "Mine Person", owner=booking_manager)
    danas = make_request(booking_page, "Danas Person", owner=dana, status=Status.CONTACTED)
    late = make_request(booking_page, "Late Person", reply_due=hours_from_now(-2))
    booked = make_request(booking_page, "Booked Person", status=Status.BOOKED)
    about_ketamine = make_request(
        booking_page, "Ketamine Person", service_page=treatment_page_for_booking
    )

    def listed(query):
        return set(references_in(manager_client.get(INBOX + query)))

    assert listed("?owner=me") == {mine.reference}
    assert listed(f"?owner={dana.pk}") == {danas.reference}
    assert mine.reference not in listed("?owner=nobody")
    assert listed("?overdue=yes") == {late.reference}
    assert listed("?status=booked") == {booked.reference}
    assert booked.reference in listed("?status=all")
    assert listed(f"?service={treatment_page_for_booking.pk}") == {about_ketamine.reference}
    assert about_ketamine.reference not in listed("?service=none")


def test_filter_by_date_received(manager_client, booking_page):
    import datetime

    from django.utils import timezone

    january = make_request(
        booking_page,
        submit_time=timezone.make_aware(datetime.datetime(2026, 1, 10, 12)),
    )
    make_request(booking_page, submit_time=timezone.make_aware(datetime.datetime(2026, 3, 10, 12)))
    response = manager_client.get(INBOX + "?received_from=2026-01-01&received_to=2026-01-31")
    assert references_in(response) == [january.reference]


def test_an_unknown_filter_value_is_refused_with_a_message_not_an_error(
    manager_client, booking_page
):
    make_request(booking_page)
    response = manager_client.get(INBOX + "?status=lost&owner=999999")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["Jordan", "ellis", "jordan.ellis@example.com", "+1 555 010 0199", "NB-{pk:04d}"]
)
def test_search_by_name_email_phone_or_reference(manager_client, booking_page, query):
    wanted = make_request(
        booking_page, "Jordan Ellis", "jordan.ellis@example.com", "+1 555 010 0199"
    )
    make_request(booking_page, "Priya Raman", "priya@example.com", "+1 555 010 0100")
    response = manager_client.post(INBOX, {"q": query.format(pk=wanted.pk)}, follow=True)
    assert references_in(response) == [wanted.reference]


def test_a_search_term_never_goes_into_the_address_or_the_audit_log(manager_client, booking_page):
    make_request(booking_page, "Jordan Ellis")
    response = manager_client.post(INBOX + "?status=all", {"q": "Jordan"})
    assert response.status_code == 302
    assert "Jordan" not in response["Location"]
    assert response["Location"] == INBOX + "?status=all"
    manager_client.get(INBOX + "?status=all&export=csv")
    entry = PageLogEntry.objects.get(action="booking.export")
    assert "Jordan" not in str(entry.data)
    assert entry.data["searched"] is True


def test_clearing_the_search_shows_everything_again(manager_client, booking_page):
    make_request(booking_page, "Jordan Ellis")
    make_request(booking_page, "Priya Raman")
    manager_client.post(INBOX, {"q": "Jordan"})
    assert len(references_in(manager_client.get(INBOX))) == 1
    manager_client.post(INBOX, {"q": "Jordan", "clear": "1"})
    assert len(references_in(manager_client.get(INBOX))) == 2


def test_the_export_has_what_the_inbox_shows(manager_client, booking_page, booking_manager):
    make_request(booking_page, "Open Person", owner=booking_manager)
    make_request(booking_page, "Closed Person", status=Status.CLOSED)
    body = b"".join(manager_client.get(INBOX + "?owner=me&export=csv").streaming_content)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row["Full name"] for row in rows] == ["Open Person"]
    assert rows[0]["Owner"] == "manager"
    assert rows[0]["Status"] == "New"
    assert rows[0]["Reference"].startswith("NB-")
    assert "Received (America/New_York)" in rows[0]


def test_csv_and_xlsx_carry_the_same_columns_and_values(manager_client, booking_page):
    from openpyxl import load_workbook

    make_request(booking_page, "Avery Example", phone="+1 555 010 0140")
    body = b"".join(manager_client.get(INBOX + "?export=csv").streaming_content)
    csv_rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    xlsx = manager_client.get(INBOX + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    xlsx_rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert csv_rows[0] == xlsx_rows[0]
    phone = csv_rows[0].index("Phone number")
    # CSV keeps the protective apostrophe; the XLSX cell is typed text and shows the number.
    assert csv_rows[1][phone] == "'+1 555 010 0140"
    assert xlsx_rows[1][phone] == "+1 555 010 0140"
    assert sheet.cell(row=2, column=phone + 1).data_type == "s"
    assert csv_rows[1][7] == xlsx_rows[1][7] == "Avery Example"


def test_only_the_managers_export_and_each_export_is_audited(client, booking_page, booking_manager):
    from django.contrib.auth.models import Permission

    make_request(booking_page)
    for group in booking_manager.groups.all():
        group.permissions.remove(Permission.objects.get(codename="export_bookingsubmission"))
    client.force_login(type(booking_manager).objects.get(pk=booking_manager.pk))
    assert client.get(INBOX).status_code == 200
    refused = client.get(INBOX + "?export=csv")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # with a message
    assert not PageLogEntry.objects.filter(action="booking.export").exists()


def test_the_inbox_fits_the_queue_rows_without_the_answers_columns(manager_client, booking_page):
    make_request(booking_page)
    html = manager_client.get(INBOX).content.decode()
    start = html.index('<table class="listing')
    table = html[start : html.index("</table>", start)]
    assert len(re.findall(r"<th[\s>]", table)) == 8
    assert BookingSubmission.objects.count() == 1


def test_a_page_of_the_inbox_holds_25_requests(manager_client, booking_page):
    for n in range(26):
        make_request(booking_page, f"Person {n}")
    assert len(references_in(manager_client.get(INBOX))) == 25
    assert len(references_in(manager_client.get(INBOX + "?p=2"))) == 1
