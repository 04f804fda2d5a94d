"""Spreadsheet-safe CSV: formulas neutralised, RFC 4180 quoting, UTF-8 with a BOM, streamed."""

import csv
import datetime

from django.utils import timezone

from clinic.spreadsheets import neutralise

BOM = "\ufeff"
CHUNK_SIZE = 2000


def cell(value):
    """One CSV cell as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value)
    elif isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    else:
        value = str(value)
    return neutralise(value)


class _Line:
    """A file-like object whose write() hands the CSV line back instead of storing it."""

    def write(self, value):
        return value


def stream_rows(headings, rows):
    """Yield the CSV text: the BOM with the heading line, then one line per row.

    `rows` is any iterable of sequences of values; pass queryset.iterator() so that
    nothing is held in memory beyond a chunk of rows.
    """
    writer = csv.writer(_Line(), quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield BOM + writer.writerow([cell(heading) for heading in headings])
    for row in rows:
        yield writer.writerow([cell(value) for value in row])
