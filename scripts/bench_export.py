"""Benchmark the booking requests' admin at 5,000 and 50,000 rows: the CSV export and the inbox.

    uv run python scripts/bench_export.py            # throwaway SQLite file in /tmp
    DATABASE_URL=postgres://... uv run python scripts/bench_export.py
                                                     # throwaway test_<name> PostgreSQL database
    BENCH_EXPLAIN=1 DATABASE_URL=postgres://... ...  # also EXPLAIN ANALYZE the inbox's queries

It stores 5,000 and then 50,000 requests (bulk_create; a queue like a real one: mostly closed,
some new or contacted, reply due times spread around now so some are overdue) and, as a
manager through the real admin URLs:

- downloads the CSV export of all requests, consumes the streamed body, and prints the time
  and the peak memory (tracemalloc peak of Python allocations during the export; and the
  growth of the process's maximum resident set size). Streaming means the peak must not grow
  with the number of rows.
- opens the inbox's first page (the default open requests; all requests newest first; overdue
  only): median and max time of 10 warm requests after one warm-up, and the number of SQL
  queries, which must not grow with the number of rows. The times at the largest size are
  compared with those at the smallest.
"""

import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SQLITE_FILE = Path(os.environ.get("BENCH_SQLITE", tempfile.gettempdir() + "/booking-bench.sqlite3"))
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "5000,50000").split(",")]
EXPLAIN = bool(os.environ.get("BENCH_EXPLAIN"))
BATCH = 2000
INBOX_RUNS = 10
INBOX_VIEWS = {
    "open (default)": "",
    "all, newest first": "?status=all&ordering=-submit_time",
    "overdue": "?overdue=yes",
}


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


# (status, share of requests): mostly finished, a tenth still new, a few being worked on.
STATUS_MIX = [
    ("closed", 60),
    ("booked", 12),
    ("not_suitable", 5),
    ("new", 10),
    ("contacted", 10),
    ("no_reply", 3),
]


def queue_state(rng, now):
    """A status and a reply due time. Open requests are due within days either side of now
    (the new ones past due are overdue); finished ones were due at some point in two years."""
    from booking.queue import OPEN_STATUSES

    status = rng.choices([name for name, _ in STATUS_MIX], [w for _, w in STATUS_MIX])[0]
    if status in OPEN_STATUSES:
        due = now + timedelta(hours=rng.uniform(-5 * 24, 3 * 24))
    else:
        due = now - timedelta(hours=rng.uniform(2 * 24, 730 * 24))
    return status, due


def add_requests(page, count, start, services, managers):
    """bulk_create skips save(), so the derived fields are filled here; reply_due is made up
    rather than computed (that reads the clinic settings once per row)."""
    from django.db.models import F
    from django.utils import timezone

    from booking.consent import CURRENT_CONSENT_VERSION
    from booking.models import BookingSubmission
    from booking.queue import Status, search_tokens

    now = timezone.now()
    rng = random.Random(start)  # the same queue on every run
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        requests = []
        for n in range(start + made, start + made + size):
            name, email, phone = f"Bench Person {n}", f"person{n}@example.com", "+1 555 010 0140"
            service = rng.choice([*services, None])
            status, due = queue_state(rng, now)
            owner = None if status == Status.NEW else rng.choice([*managers, None])
            requests.append(
                BookingSubmission(
                    page=page,
                    form_data={
                        "full_name": name,
                        "email": email,
                        "phone": phone,
                        "contact_method": "Either",
                        "service": service.title if service else "Not sure yet",
                        "which_days_and_times_suit_you": ["Weekday mornings", "Saturday mornings"],
                        "how_did_you_hear_about_the_clinic": "A web search",
                        "anything_you_would_like_us_to_know_before_we_call": message(n),
                        "i_confirm_that_i_am_18_or_over": True,
                    },
                    consent_version=CURRENT_CONSENT_VERSION,
                    consented_at=now,
                    service_page=service,
                    status=status,
                    owner=owner,
                    reply_due=due,
                    search_tokens=search_tokens(name, email, phone),
                )
            )
        BookingSubmission.objects.bulk_create(requests)
        made += size
    # submit_time is auto_now_add, so bulk_create stamps every row with now: spread it too,
    # two days before each reply was due, so ordering by it means something.
    BookingSubmission.objects.update(submit_time=F("reply_due") - timedelta(days=2))


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


def time_inbox(client, url):
    """One warm-up, then INBOX_RUNS timed requests; the queries are counted on one more, so
    that recording them does not weigh on the times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200
    times = []
    for _ in range(INBOX_RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return {
        "median": statistics.median(times),
        "max": max(times),
        "queries": len(queries),
        "sql": [query["sql"] for query in queries],
    }


def explain(sqls):
    """EXPLAIN ANALYZE each query that reads the requests table (PostgreSQL only)."""
    from django.db import connection

    for sql in sqls:
        if "booking_bookingsubmission" not in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join("    " + row[0] for row in cursor.fetchall())
        print(f"  {sql[:400]}\n{plan}\n")


def main():
    using_postgres = setup_django()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    import booking.demo
    from clinic.documents.demo import load_section
    from clinic.security.groups import BOOKING_MANAGERS
    from home.models import HomePage
    from tests.factories import UserFactory
    from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

    home = HomePage.objects.get()
    page = load_section(booking.demo, home)
    index = TreatmentIndexPageFactory(parent=home)
    services = [
        TreatmentPageFactory(parent=index, title=title, hero_image=None)
        for title in ("Ketamine infusion", "Esketamine spray")
    ]
    manager = UserFactory(username="bench-manager", groups=[BOOKING_MANAGERS])
    colleague = UserFactory(username="bench-colleague", groups=[BOOKING_MANAGERS])
    client = Client()  # "testserver" is in the test settings' ALLOWED_HOSTS
    client.force_login(manager)
    inbox_url = reverse("booking_requests:index")
    export_url = inbox_url + "?status=all&export=csv"

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    stored = 0
    exports = []
    inboxes = []
    for size in SIZES:
        add_requests(page, size - stored, stored, services, [manager, colleague])
        stored = size
        if using_postgres:
            # Autovacuum soon does this to new rows on a real site. Without statistics the
            # planner guesses, and without the visibility map counts cannot use an index.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE booking_bookingsubmission")
        timed = export_once(client, export_url, trace=False)
        traced = export_once(client, export_url, trace=True)
        assert timed["lines"] == size + 1, (timed["lines"], size)
        exports.append((size, timed, traced))
        inboxes.append(
            (size, {view: time_inbox(client, inbox_url + q) for view, q in INBOX_VIEWS.items()})
        )

    print("\nCSV export (all requests)")
    print(
        f"{'rows':>8} {'time (s)':>9} {'MB out':>7} "
        f"{'tracemalloc peak (MiB)':>23} {'maxrss growth (MiB)':>20}"
    )
    for size, timed, traced in exports:
        print(
            f"{size:>8} {timed['seconds']:>9.2f} {timed['bytes'] / 1e6:>7.1f} "
            f"{traced['peak'] / 2**20:>23.2f} {timed['rss'] / 1024:>20.1f}"
        )
    if len(exports) > 1:
        ratio = exports[-1][2]["peak"] / exports[0][2]["peak"]
        rows_ratio = exports[-1][0] / exports[0][0]
        verdict = "flat" if ratio < 2 else "GROWS WITH ROWS"
        print(f"Peak memory ratio {ratio:.2f} for {rows_ratio:.0f}x the rows: {verdict}.")

    print(f"\nInbox, first page ({INBOX_RUNS} warm requests after 1 warm-up)")
    print(f"{'rows':>8}  {'view':<18} {'median (ms)':>11} {'max (ms)':>9} {'queries':>8}")
    for size, views in inboxes:
        for view, result in views.items():
            print(
                f"{size:>8}  {view:<18} {result['median'] * 1000:>11.1f} "
                f"{result['max'] * 1000:>9.1f} {result['queries']:>8}"
            )
    if len(inboxes) > 1:
        (small, first), (large, last) = inboxes[0], inboxes[-1]
        print(f"Ratio of {large:,} to {small:,} rows:")
        for view in INBOX_VIEWS:
            same = first[view]["queries"] == last[view]["queries"]
            print(
                f"  {view:<18} median x{last[view]['median'] / first[view]['median']:.2f}, "
                f"max x{last[view]['max'] / first[view]['max']:.2f}, "
                f"queries {'the same' if same else 'GROW WITH ROWS'}"
            )
    if EXPLAIN and using_postgres:
        size, views = inboxes[-1]
        for view, result in views.items():
            print(f"\nEXPLAIN ANALYZE, inbox {view}, {size:,} rows")
            explain(result["sql"])

    if using_postgres:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
    else:
        connection.close()
        SQLITE_FILE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
