"""Benchmark the streaming CSV export of booking requests: time and peak memory.

    uv run python scripts/bench_export.py            # throwaway SQLite file in /tmp
    DATABASE_URL=postgres://... uv run python scripts/bench_export.py
                                                     # throwaway test_<name> PostgreSQL database

It stores 5,000 and then 50,000 requests (bulk_create), downloads the CSV export as a
manager through the real admin URL, consumes the streamed body, and prints the time and
the peak memory (tracemalloc peak of Python allocations during the export; and the growth
of the process's maximum resident set size). Streaming means the peak must not grow with
the number of rows.
"""

import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SQLITE_FILE = Path(os.environ.get("BENCH_SQLITE", tempfile.gettempdir() + "/booking-bench.sqlite3"))
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "5000,50000").split(",")]
BATCH = 2000


def setup_django():
    using_postgres = bool(os.environ.get("DATABASE_URL"))
    if not using_postgres:
        SQLITE_FILE.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    # Test settings: DEBUG off (no query log growing in memory), locmem email, fast hashing.
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinic.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if using_postgres:
        # A fresh test_<name> database, migrated; dropped at the end.
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    return using_postgres


def message(n):
    return (
        f"Request number {n}. Mornings suit me best; please call after 9. "
        "Zoë asked me to mention the parking. " * 3
    )


def add_requests(page, count, start):
    from django.utils import timezone

    from booking.consent import CURRENT_CONSENT_VERSION
    from booking.models import BookingSubmission

    now = timezone.now()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        BookingSubmission.objects.bulk_create(
            [
                BookingSubmission(
                    page=page,
                    form_data={
                        "full_name": f"Bench Person {start + made + i}",
                        "email": f"person{start + made + i}@example.com",
                        "phone": "+1 555 010 0140",
                        "contact_method": "Either",
                        "which_days_and_times_suit_you": ["Weekday mornings", "Saturday mornings"],
                        "which_service_are_you_interested_in": "Not sure yet",
                        "how_did_you_hear_about_the_clinic": "A web search",
                        "anything_you_would_like_us_to_know_before_we_call": message(i),
                        "i_confirm_that_i_am_18_or_over": True,
                    },
                    consent_version=CURRENT_CONSENT_VERSION,
                    consented_at=now,
                )
                for i in range(size)
            ]
        )
        made += size


def export_once(client, url, trace):
    if trace:
        tracemalloc.start()
        tracemalloc.reset_peak()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response.streaming, "the export must stream"
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    elapsed = time.perf_counter() - started
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    peak = None
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {"seconds": elapsed, "bytes": size, "lines": lines, "peak": peak, "rss": rss_growth}


def main():
    using_postgres = setup_django()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    import booking.demo
    from home.models import HomePage
    from tests.factories import UserFactory

    page = booking.demo.load(HomePage.objects.get())
    manager = UserFactory(username="bench-manager", groups=["Booking managers"])
    client = Client()
    client.force_login(manager)
    url = reverse("wagtailforms:list_submissions", args=[page.pk]) + "?export=csv"

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(
        f"{'rows':>8} {'time (s)':>9} {'MB out':>7} "
        f"{'tracemalloc peak (MiB)':>23} {'maxrss growth (MiB)':>20}"
    )
    stored = 0
    results = []
    for size in SIZES:
        add_requests(page, size - stored, stored)
        stored = size
        timed = export_once(client, url, trace=False)
        traced = export_once(client, url, trace=True)
        assert timed["lines"] == size + 1, (timed["lines"], size)
        results.append((size, timed, traced))
        print(
            f"{size:>8} {timed['seconds']:>9.2f} {timed['bytes'] / 1e6:>7.1f} "
            f"{traced['peak'] / 2**20:>23.2f} {timed['rss'] / 1024:>20.1f}"
        )

    if len(results) > 1:
        first, last = results[0][2]["peak"], results[-1][2]["peak"]
        ratio = last / first
        rows_ratio = results[-1][0] / results[0][0]
        verdict = "flat" if ratio < 2 else "GROWS WITH ROWS"
        print(f"Peak memory ratio {ratio:.2f} for {rows_ratio:.0f}x the rows: {verdict}.")
    if using_postgres:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
    else:
        connection.close()
        SQLITE_FILE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
