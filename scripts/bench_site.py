"""Benchmark the public site under load, with the page cache on and off.

    uv run python -m scripts.bench_site        # or: make bench

What it does, with no manual step:
1. Drops and recreates a PostgreSQL database, clinic_bench, on DATABASE_URL's server
   (default postgres://postgres@127.0.0.1:5432; BENCH_DATABASE_URL names another), migrates
   it, loads the demo site and counts the SQL queries of one uncached request of each
   page; then adds 1,000 articles and 20 treatment pages and counts again (the two counts
   must be equal).
2. Collects the static files and serves the site with gunicorn (2 x cores + 1 sync workers)
   under the production settings, Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/14,
   flushed) as the shared cache, on a free port between 18000 and 18999.
3. Drives each page with wrk (installed with apt-get when missing and allowed): 16
   connections for BENCH_SECONDS (default 10) each, in three modes:
   - cached: the page cache on (anonymous page views from Redis);
   - uncached: the page cache off, every view renders its page; what every page shows
     (settings, menu, a listing's count and topics) and article cards come from the caches
     below the page cache, as on a page-cache miss right after a publish elsewhere;
   - nothing cached: those off too, every view reads and renders everything.
4. Prints a table and writes bench-results/site.json. Stops everything it started.

Environment: DATABASE_URL or BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_SECONDS,
BENCH_CONNECTIONS, BENCH_ARTICLES, BENCH_TREATMENTS.
"""

# A script that runs the tools it measures with: subprocesses and local URLs by design.
# ruff: noqa: S310, S603, S607

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from cryptography.fernet import Fernet

from scripts import servers

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results" / "site.json"


def bench_database_url():
    """BENCH_DATABASE_URL, else the server of DATABASE_URL with a database named clinic_bench:
    it is dropped and made again, so it is never DATABASE_URL's own database."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        server = "postgres://postgres@127.0.0.1:5432/"
    return urlunsplit(urlsplit(server)._replace(path="/clinic_bench", query=""))


DATABASE_URL = bench_database_url()
# Flushed at each run: never REDIS_URL, which may hold something that matters.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WARM_UP_SECONDS = 2
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "1000"))
TREATMENTS = int(os.environ.get("BENCH_TREATMENTS", "20"))
WORKERS = 2 * (os.cpu_count() or 1) + 1
MEDIA_ROOT = Path(tempfile.gettempdir()) / "clinic-bench-media"
HEADERS = {"X-Forwarded-Proto": "https"}  # as the TLS-terminating proxy would say

# The pages measured, in the table's order (paths filled in by the prepare step).
PAGES = [
    "home",
    "treatment",
    "article index p1",
    "article index p40",
    "article",
    "tag page",
    "rss feed",
    "static css",
]


# Mode -> the switches of clinic/settings/base.py.
MODES = {
    "cached": {"PAGE_CACHE": "on", "SHARED_DATA_CACHE": "on", "FRAGMENT_CACHE": "on"},
    "uncached": {"PAGE_CACHE": "off", "SHARED_DATA_CACHE": "on", "FRAGMENT_CACHE": "on"},
    "nothing cached": {"PAGE_CACHE": "off", "SHARED_DATA_CACHE": "off", "FRAGMENT_CACHE": "off"},
}
# One key for every server of the run: they share the database.
ENCRYPTION_KEY = Fernet.generate_key().decode()
SWITCHES = ("DJANGO_", "PAGE_CACHE", "SHARED_DATA_CACHE", "FRAGMENT_CACHE")


def server_env(mode, **overrides):
    """The production environment of a server in this mode; overrides (e.g. DATABASE_URL)
    last, for the other benchmarks that reuse it (scripts/bench_render.py)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(SWITCHES)}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings.production",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        FIELD_ENCRYPTION_KEYS=ENCRYPTION_KEY,
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(MEDIA_ROOT),
        PYTHONPATH=str(ROOT),
        **MODES[mode],
    )
    env.update(overrides)
    return env


def log(text):
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the database


def recreate_database(url=DATABASE_URL):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        sys.exit(f"Refusing an odd database name: {name!r}")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def flush_redis(url=REDIS_URL):
    import redis

    redis.Redis.from_url(url).flushdb()


def manage(*args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_env("uncached"),
        check=True,
        stdout=subprocess.DEVNULL,
    )


# ------------------------------------------------- inside Django (prepare step)


def count_queries(paths, after_publish=False):
    """SQL queries of one request of each page with the page cache off (after a first view
    that makes the image renditions). after_publish: as on the first view after a publish
    elsewhere, when the shared data must be read again (the article cards are unchanged)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from clinic.serving import pagecache

    client = Client(headers=HEADERS)
    counts = {}
    for label, path in paths.items():
        if label == "static css" or path is None:
            continue
        assert client.get(path).status_code == 200, path
        if after_publish:
            pagecache.bump_generation()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[label] = len(queries)
    return counts


def add_articles(count):
    """count articles below the demo's index: real bodies, authors, tags, topics and the
    demo's pictures (so every card has renditions), created without revisions."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from blog.models import ArticleAuthor, ArticleIndexPage, ArticlePage, Topic
    from clinic.editorial.people import Person
    from clinic.editorial.reviewed_content import content_fingerprint

    index = ArticleIndexPage.objects.get(slug="articles")
    demo = list(ArticlePage.objects.child_of(index).order_by("pk"))
    topics = list(Topic.objects.all())
    people = list(Person.objects.all())
    tags = sorted({tag.name for article in demo for tag in article.tags.all()})
    start = timezone.now() - datetime.timedelta(days=count + 30)
    with transaction.atomic():
        for number in range(count):
            model = demo[number % len(demo)]
            article = ArticlePage(
                title=f"{model.title} (part {number + 1})",
                slug=f"bench-article-{number + 1}",
                teaser=model.teaser,
                date=(start + datetime.timedelta(days=number)).date(),
                topic=topics[number % len(topics)],
                hero_image_id=model.hero_image_id,
                hero_image_alt=model.hero_image_alt,
                body=model.body.raw_data,
                # A health page goes live only with its clinical review recorded.
                last_reviewed=model.last_reviewed,
                next_review_due=model.next_review_due,
                reviewer_id=model.reviewer_id,
                first_published_at=start,
                last_published_at=start,
                live=True,
            )
            article.authors = [
                ArticleAuthor(person=people[(number + i) % len(people)], sort_order=i)
                for i in range(1 + number % 2)
            ]
            article.tags.add(tags[number % len(tags)], tags[(number * 7 + 3) % len(tags)])
            article.reviewed_fingerprint = content_fingerprint(article)  # its model's review
            index.add_child(instance=article)


def add_treatments(count):
    from django.db import transaction

    from clinic.editorial.reviewed_content import content_fingerprint
    from treatments.models import TreatmentIndexPage, TreatmentPage

    index = TreatmentIndexPage.objects.get()
    model = TreatmentPage.objects.child_of(index).order_by("path").first()
    with transaction.atomic():
        for number in range(count):
            page = TreatmentPage(
                title=f"{model.title} (variant {number + 1})",
                slug=f"bench-treatment-{number + 1}",
                summary=model.summary,
                hero_image_id=model.hero_image_id,
                delivery_methods=model.delivery_methods,
                session_length=model.session_length,
                typical_course=model.typical_course,
                use=model.use,
                body=model.body.raw_data,
                last_reviewed=model.last_reviewed,
                next_review_due=model.next_review_due,
                reviewer_id=model.reviewer_id,
                live=True,
            )
            page.reviewed_fingerprint = content_fingerprint(page)  # its model's review
            index.add_child(instance=page)


def page_paths():
    from django.templatetags.static import static
    from taggit.models import Tag

    from blog.models import ArticleIndexPage, ArticlePage, ArticleTag
    from treatments.models import TreatmentPage

    index = ArticleIndexPage.objects.get(slug="articles")
    article = ArticlePage.objects.child_of(index).filter(slug__startswith="bench-").first()
    article = article or ArticlePage.objects.child_of(index).order_by("pk").first()
    treatment = TreatmentPage.objects.order_by("path").first()
    tag = Tag.objects.filter(pk__in=ArticleTag.objects.values("tag_id")).order_by("slug").first()
    base = index.url
    pages = ArticlePage.objects.child_of(index).live().count() // 12 + 1
    return {
        "home": "/",
        "treatment": treatment.url,
        "article index p1": base,
        "article index p40": f"{base}?page=40" if pages >= 40 else None,
        "article": article.url,
        "tag page": f"{base}tag/{tag.slug}/",
        "rss feed": f"{base}feed/rss/",
        "static css": static("clinic/css/site.css"),
    }


def prepare(out_file):
    """Run under the production settings: demo counts, 1,000 articles, counts again."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    demo_counts = count_queries(page_paths())
    started = time.monotonic()
    add_articles(ARTICLES)
    add_treatments(TREATMENTS)
    log(f"  {ARTICLES} articles and {TREATMENTS} treatments in {time.monotonic() - started:.0f} s")
    analyze()
    paths = page_paths()
    prepared = {
        "paths": paths,
        "queries_demo": demo_counts,
        "queries_full": count_queries(paths),
        "queries_after_publish": count_queries(paths, after_publish=True),
    }
    Path(out_file).write_text(json.dumps(prepared))


def analyze():
    """Planner statistics for the rows just added, as autovacuum would soon gather."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# ----------------------------------------------------------- serving and load


def start_gunicorn(port, mode):
    process = servers.start_gunicorn(port, server_env(mode), workers=WORKERS)
    servers.wait_until_answering(f"http://127.0.0.1:{port}/", process, headers=HEADERS)
    return process


def fetch(url):
    request = urllib.request.Request(url, headers=HEADERS)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("Installing wrk from Debian's packages")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            stdout=subprocess.DEVNULL,
        )
    if not shutil.which("wrk"):
        sys.exit("The benchmark needs wrk: sudo apt-get install wrk")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_latency(text, percent):
    match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return round(float(match.group(1)) * UNITS[match.group(2)], 2) if match else None


def run_wrk(url, seconds=SECONDS):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": round(float(rps.group(1)), 1) if rps else None,
        "p50_ms": parse_latency(out, 50),
        "p99_ms": parse_latency(out, 99),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def measure(paths, mode):
    """wrk on each page. With the cache on, the static CSS file is driven again right after
    each page, so every page is compared with the ceiling measured under the same load
    (this machine is shared: a single CSS run would compare apples with a moving target)."""
    flush_redis()
    port = servers.free_ports()[0]
    log(f"Serving with gunicorn on 127.0.0.1:{port}, {WORKERS} workers: {mode}")
    process = start_gunicorn(port, mode)
    rows = {}
    css_url = f"http://127.0.0.1:{port}{paths['static css']}"
    try:
        for label in PAGES:
            path = paths.get(label)
            if path is None:
                continue
            url = f"http://127.0.0.1:{port}{path}"
            status, headers, body = fetch(url)  # renditions made, the cache warm (when on)
            run_wrk(url, seconds=WARM_UP_SECONDS)  # every worker has compiled its templates
            status, headers, body = fetch(url)
            row = run_wrk(url)
            row.update(
                path=path,
                status=status,
                bytes=len(body),
                page_cache=headers.get("X-Page-Cache", "off" if label != "static css" else ""),
            )
            if mode == "cached" and label != "static css":
                row["static_css_rps_alongside"] = run_wrk(css_url)["rps"]
                row["share_of_static_rps"] = round(row["rps"] / row["static_css_rps_alongside"], 2)
            rows[label] = row
            log(
                f"  {label:<18} {row['rps']:>8} req/s  p50 {row['p50_ms']} ms  "
                f"p99 {row['p99_ms']} ms  {row.get('share_of_static_rps', '')}"
            )
    finally:
        servers.stop(process)
    return rows


# ------------------------------------------------------------------- report


def table(report):
    header = (
        f"{'page':<18} {'SQL demo':>8} {'SQL 1k':>6} {'SQL pub':>7} {'bytes':>7} | "
        f"{'cached req/s':>12} {'/css':>5} {'p50 ms':>7} {'p99 ms':>7} | "
        f"{'uncached req/s':>14} {'p50 ms':>7} {'p99 ms':>7} | "
        f"{'nothing cached':>14} {'p50 ms':>7} {'p99 ms':>7}"
    )
    lines = [header, "-" * len(header)]
    for label in PAGES:
        cached, uncached, cold = (report[mode].get(label) for mode in MODES)
        if not cached:
            continue
        queries = (
            report[name].get(label, "-")
            for name in ("queries_demo", "queries_full", "queries_after_publish")
        )
        demo_q, full_q, publish_q = queries
        lines.append(
            f"{label:<18} {demo_q!s:>8} {full_q!s:>6} {publish_q!s:>7} {cached['bytes']:>7} | "
            f"{cached['rps']!s:>12} {cached.get('share_of_static_rps', '')!s:>5} "
            f"{cached['p50_ms']!s:>7} {cached['p99_ms']!s:>7} | "
            f"{uncached['rps']!s:>14} {uncached['p50_ms']!s:>7} {uncached['p99_ms']!s:>7} | "
            f"{cold['rps']!s:>14} {cold['p50_ms']!s:>7} {cold['p99_ms']!s:>7}"
        )
    return "\n".join(lines)


def targets(report):
    pages = [label for label in PAGES if label != "static css" and label in report["cached"]]
    lowest_share = min(report["cached"][label]["share_of_static_rps"] for label in pages)
    same_queries = all(
        report["queries_demo"][label] == report["queries_full"][label]
        for label in report["queries_demo"]
    )
    p40 = report["uncached"].get("article index p40", {}).get("p99_ms")
    errors = sum(row["non_2xx"] for mode in MODES for row in report[mode].values())
    return {
        "queries_independent_of_article_count": same_queries,
        "cached_pages_at_least_half_static_rps": lowest_share >= 0.5,
        "cached_lowest_share_of_static_rps": lowest_share,
        "uncached_index_page_40_p99_under_100ms": p40 is not None and p40 < 100,
        "uncached_index_page_40_p99_ms": p40,
        "non_2xx_responses": errors,
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--prepare":
        sys.path.insert(0, str(ROOT))
        prepare(sys.argv[2])
        return

    ensure_wrk()
    started = time.monotonic()
    log(f"Recreating {urlsplit(DATABASE_URL).path.lstrip('/')} and migrating")
    recreate_database()
    flush_redis()
    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    manage("migrate", "--noinput")
    log("Collecting static files")
    manage("collectstatic", "--noinput", "--clear")
    log("Loading the demo site, counting queries, adding articles and treatments")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, __file__, "--prepare", out.name],
            cwd=ROOT,
            env=server_env("uncached"),
            check=True,
        )
        prepared = json.loads(Path(out.name).read_text())

    report = {
        "machine": {"cpus": os.cpu_count(), "gunicorn_workers": WORKERS},
        "load": {"tool": "wrk", "connections": CONNECTIONS, "seconds": SECONDS, "threads": 2},
        "articles_added": ARTICLES,
        "treatments_added": TREATMENTS,
        "paths": prepared["paths"],
        "queries_demo": prepared["queries_demo"],
        "queries_full": prepared["queries_full"],
        "queries_after_publish": prepared["queries_after_publish"],
        **{mode: measure(prepared["paths"], mode) for mode in MODES},
    }
    report["targets"] = targets(report)
    report["seconds_total"] = round(time.monotonic() - started)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")

    print()
    print(
        f"The site under load: wrk, {CONNECTIONS} connections, {SECONDS} s a page; gunicorn "
        f"{WORKERS} workers; PostgreSQL; Redis. SQL = queries of one request with the page "
        f"cache off, with the demo's 12 articles and with {ARTICLES} more; SQL pub = the same "
        "on the first view after a publish elsewhere; /css = cached req/s over the static "
        "CSS file's req/s measured right after it. Modes: see the script's docstring."
    )
    print(table(report))
    print()
    for name, value in report["targets"].items():
        print(f"{name}: {value}")
    print(f"Written to {RESULTS.relative_to(ROOT)} in {report['seconds_total']} s")


if __name__ == "__main__":
    main()
