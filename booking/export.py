"""Exports of booking requests: one table of columns, written as CSV or as XLSX.

Both formats come from `ExportTable`, so they always carry the same columns in the same
order. Times are in the clinic's time zone, named in the heading.

Spreadsheets run a cell that starts with =, +, -, @ or a tab as a formula. In CSV every
such cell gets a leading apostrophe, which spreadsheets hide and read as "this is text";
a phone number like +1 555 0100 therefore shows as +1 555 0100 in Excel but keeps the
apostrophe in a text editor. A formula character after a separator or line break inside a
cell is guarded as well (clinic.security.spreadsheets), for a spreadsheet that cuts on `;` or `,`.
XLSX can say "this cell is text" itself, so its cells are typed text cells with no
apostrophe.
"""

import csv
import datetime
from io import BytesIO

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from clinic.practice.working_days import clinic_timezone
from clinic.security.spreadsheets import neutralise

from .forms import SERVICE_FIELD
from .queue import display_name, service_title

BOM = "\ufeff"
CHUNK_SIZE = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_DATETIME = "yyyy-mm-dd hh:mm"
# Stored with the request but shown in their own columns.
NOT_ANSWERS = {"submit_time", "consent_version", "consented_at", SERVICE_FIELD}


class ExportTable:
    """The export's columns: the queue's facts (with the request's language), then every
    answer, then the consent."""

    def __init__(self, form_page):
        zone = clinic_timezone().key
        answers = [
            (label, lambda row, name=name: row.form_data.get(name))
            for name, label in (form_page.get_data_fields() if form_page else [])
            if name not in NOT_ANSWERS
        ]
        self.columns = [
            ("Reference", lambda row: row.reference),
            (f"Received ({zone})", lambda row: row.submit_time),
            ("Status", lambda row: row.get_status_display()),
            ("Owner", lambda row: display_name(row.owner)),
            (f"Reply due ({zone})", lambda row: row.reply_due),
            ("Treatment", service_title),
            ("Language", lambda row: row.language_name),
            *answers,
            ("Consent version", lambda row: row.consent_version),
            (f"Consented at ({zone})", lambda row: row.consented_at),
        ]

    @property
    def headings(self):
        return [heading for heading, _ in self.columns]

    def rows(self, queryset):
        """One list of values per request, read in chunks so memory stays flat."""
        for submission in queryset.iterator(chunk_size=CHUNK_SIZE):
            yield [value(submission) for _, value in self.columns]


def local(moment):
    """An aware datetime as the clinic's wall-clock time, with no zone: spreadsheets have none."""
    return timezone.localtime(moment, clinic_timezone()).replace(tzinfo=None)


def text(value):
    """A value as a spreadsheet's text, before any formula protection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return (local(value) if timezone.is_aware(value) else value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def cell(value):
    """One CSV cell: text, with would-be formulas neutralised."""
    return neutralise(text(value))


class _Line:
    """A file-like object whose write() hands the CSV line back instead of storing it."""

    def write(self, value):
        return value


def stream_rows(headings, rows):
    """Yield the CSV text: the BOM with the heading line, then one line per row."""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield BOM + writer.writerow([cell(heading) for heading in headings])
    for row in rows:
        yield writer.writerow([cell(value) for value in row])


def xlsx_cells(worksheet, row):
    """Dates as dates; everything else as a typed text cell, which no spreadsheet runs."""
    from openpyxl.cell import WriteOnlyCell

    for value in row:
        if isinstance(value, datetime.datetime):
            cell_ = WriteOnlyCell(worksheet, local(value) if timezone.is_aware(value) else value)
            cell_.number_format = XLSX_DATETIME
        else:
            cell_ = WriteOnlyCell(worksheet, text(value))
            cell_.data_type = "s"
            cell_.number_format = "@"
        yield cell_


def write_xlsx(table, queryset, output):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title="Booking requests")
    worksheet.append(xlsx_cells(worksheet, table.headings))
    for row in table.rows(queryset):
        worksheet.append(xlsx_cells(worksheet, row))
    workbook.save(output)


def response(table, queryset, export_format, filename):
    """The download: streamed CSV, or an XLSX file (a zip, which is written whole)."""
    if export_format == "xlsx":
        output = BytesIO()
        write_xlsx(table, queryset, output)
        output.seek(0)
        result = FileResponse(
            output, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE
        )
    else:
        result = StreamingHttpResponse(
            stream_rows(table.headings, table.rows(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        result["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    result["Cache-Control"] = "no-store, private"
    return result
