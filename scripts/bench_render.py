"""What a page view costs to render, next to a framework floor; cold start; first views.

    uv run python -m scripts.bench_render        # or: make bench

What it does, with no manual step:
1. Recreates a PostgreSQL database, clinic_render (BENCH_RENDER_DATABASE names another), on
   bench_site's server (BENCH_DATABASE_URL or DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432), migrated under
   scripts/bench_settings.py (production's plus the bench-only app scripts/floor): the demo
   site, bench_site's 1,000 articles and 20 treatments, and below the home page the floor,
   a page with only its title and a one-line template: the least a Wagtail page can cost.
2. Render cost, in a process of its own, page cache off, shared data and fragment caches on
   (Redis BENCH_RENDER_REDIS_URL, default redis://127.0.0.1:6379/11, flushed): every page,
   the floor too, through the WSGI application gunicorn serves (clinic.wsgi, the site's
   middleware). After a warm-up (renditions made, caches filled), BENCH_RENDERS (200) rounds
   of one request of each page in turn, so the noise of a shared machine hits all alike:
   each page's median, its ratio to the floor's, the SQL queries of one request.
   Targets: <= 4 x the floor and <= 12 queries.
3. Cold start: gunicorn (gunicorn.conf.py preloads the app), production settings, page cache
   on, Redis flushed; `/` polled every 20 ms from the spawn. Three figures, 3 times each: the
   boot (spawn to listening: Python, Django and Wagtail loaded, templates compiled; gunicorn
   opens its socket only then, so no request meets a half-loaded server), the first
   response (a request sent the moment it listens, to its 200: workers forked, connections
   opened, the page rendered and cached), and their sum, spawn to first 200: how long a
   restarted or replaced server keeps visitors waiting. Targets: first response median
   <= 1.5 s, spawn to first 200 median <= 2 s (it needs the bytecode compiled at install:
   `make install`; these machines set PYTHONDONTWRITEBYTECODE, so nothing compiles later).
4. First view of a just-published article: gunicorn serving (page cache off), every worker
   warm; a new article, with a new copy of a demo picture, is published through a revision
   in a separate process as an editor's publish (its hooks make the renditions:
   clinic/serving/warm_renditions.py); then its first GET over HTTP and the median of 20 more;
   3 articles. Target: first <= 2 x warm.
5. Prints a table and writes bench-results/render.json. Stops everything it started.

Requests carry X-Forwarded-Proto: https (as from the TLS proxy) and no Accept-Encoding, as
bench_site's wrk. Environment: also BENCH_RENDERS, BENCH_ARTICLES, BENCH_TREATMENTS.
"""

# Local URLs by design.
# ruff: noqa: S310

import concurrent.futures
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scripts import bench_site, servers

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results" / "render.json"
DATABASE_NAME = os.environ.get("BENCH_RENDER_DATABASE", "clinic_render")
DATABASE_URL = urlunsplit(
    urlsplit(bench_site.bench_database_url())._replace(path="/" + DATABASE_NAME)
)
# Flushed at each run; not bench_site's db 14, so neither flushes the other's.
REDIS_URL = os.environ.get("BENCH_RENDER_REDIS_URL", "redis://127.0.0.1:6379/11")
# Named after the database, so two runs on other databases keep apart.
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"{DATABASE_NAME}-media"
GUNICORN_LOG = Path(tempfile.gettempdir()) / f"{DATABASE_NAME}-gunicorn.log"
BENCH_SETTINGS = "scripts.bench_settings"
PRODUCTION = "clinic.settings.production"
RENDERS = int(os.environ.get("BENCH_RENDERS", "200"))
COLD_STARTS = 3
ARTICLES_PUBLISHED = 3
WARM_VIEWS = 20
# What a published article takes from the demo article it copies (besides body and authors),
# its review too: a Clinical reviewer's approval records it before a health page goes live.
ARTICLE_FIELDS = ("teaser", "topic", "hero_image_alt")
REVIEW_FIELDS = ("last_reviewed", "next_review_due", "reviewer")
HEADERS = bench_site.HEADERS
FLOOR = "framework floor"
PAGES = [FLOOR, *(label for label in bench_site.PAGES if label != "static css")]
VERDICT = {True: "PASS", False: "FAIL"}
TARGETS = {
    "floor_ratio": 4.0,
    "queries": 12,
    "cold_start_s": 1.5,
    "spawn_to_first_200_s": 2.0,
    "first_view_ratio": 2.0,
}
STARTED = time.monotonic()


def log(text):
    bench_site.log(f"[{time.monotonic() - STARTED:3.0f} s] {text}")


def env(mode, settings=PRODUCTION):
    return bench_site.server_env(
        mode,
        DJANGO_SETTINGS_MODULE=settings,
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(MEDIA_ROOT),
    )


def manage(*args):
    """manage.py, started: the bench settings know the floor app's table."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env("uncached", BENCH_SETTINGS),
        stdout=subprocess.DEVNULL,
    )


def inside(step, settings=BENCH_SETTINGS, arg=""):
    """One step of this script in a new process (django.setup() happens there, under
    `settings`, the page cache off); what it returned."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, "-m", "scripts.bench_render", "--inside", step, out.name, arg],
            cwd=ROOT,
            env=env("uncached", settings),
            check=True,
        )
        return json.loads(Path(out.name).read_text())


# ------------------------------------------------------------ inside Django


def prepare(_arg):
    """The demo site, bench_site's extra articles and treatments, and the floor page."""
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Site

    from scripts.floor.models import FloorPage

    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    bench_site.log(f"  demo site loaded in {time.monotonic() - STARTED:.0f} s")
    bench_site.add_articles(bench_site.ARTICLES)
    bench_site.add_treatments(bench_site.TREATMENTS)
    bench_site.log(f"  articles and treatments added: {time.monotonic() - STARTED:.0f} s in all")
    home = Site.objects.get(is_default_site=True).root_page
    floor = home.add_child(instance=FloorPage(title="Floor", slug="floor"))
    bench_site.analyze()
    paths = {label: path for label, path in bench_site.page_paths().items() if label in PAGES}
    return {FLOOR: floor.url, **paths}


def render(application, path):
    """One GET through the WSGI application, as gunicorn calls it: (status, seconds, bytes)."""
    from django.test import RequestFactory

    environ = RequestFactory(headers=HEADERS).get(path).environ  # built before the clock
    statuses = []
    started = time.perf_counter()
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    size = sum(len(chunk) for chunk in body)
    body.close()
    return int(statuses[0].split()[0]), time.perf_counter() - started, size


def measure(paths_json):
    """Warm up, count queries, then interleaved rounds of one request of each page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clinic.wsgi import application  # django.setup(), templates compiled, gc frozen

    paths = json.loads(paths_json)
    rows = {}
    for label, path in paths.items():
        for _ in range(3):  # the first makes renditions and fills the shared caches
            status, _, size = render(application, path)
            assert status == 200, (path, status)
        with CaptureQueriesContext(connection) as queries:
            render(application, path)
        rows[label] = {"path": path, "bytes": size, "queries": len(queries), "times": []}
    for _ in range(RENDERS):
        for label, path in paths.items():
            rows[label]["times"].append(render(application, path)[1])
    for row in rows.values():
        times = row.pop("times")
        row["median_ms"] = round(statistics.median(times) * 1000, 2)
        row["p90_ms"] = round(statistics.quantiles(times, n=10)[-1] * 1000, 2)
    return rows


def publish(number):
    """A new article below the index, with a new copy of a demo article's picture, published
    through a revision as the editor's Publish button does (so the publish hooks run)."""
    import django

    django.setup()
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from blog.models import ArticleAuthor, ArticleIndexPage, ArticlePage
    from clinic.editorial.reviewed_content import content_fingerprint

    number = int(number)
    index = ArticleIndexPage.objects.get(slug="articles")
    # The demo's own articles (not bench_site's copies, nor this script's): one per number.
    demo = ArticlePage.objects.child_of(index).exclude(hero_image=None)
    model = demo.exclude(slug__contains="bench-").order_by("pk")[number]
    authors = model.authors.all()
    suffix = Path(model.hero_image.file.name).suffix
    with model.hero_image.open_file() as source:
        picture = ImageFile(source, name=f"render-bench-{number}{suffix}")
        image = get_image_model()(title=f"Render bench picture {number}", file=picture)
        image.save()  # a new image: no page has shown it, it has no renditions yet
    copied = {name: getattr(model, name) for name in ARTICLE_FIELDS + REVIEW_FIELDS}
    article = ArticlePage(
        title=f"Render bench article {number}", slug=f"render-bench-article-{number}", **copied
    )
    article.body, article.hero_image, article.live = model.body.raw_data, image, False
    article.authors = [ArticleAuthor(person=a.person, sort_order=a.sort_order) for a in authors]
    article.tags.add(*model.tags.all())
    article.reviewed_fingerprint = content_fingerprint(article)  # its model's review
    index.add_child(instance=article)
    started = time.monotonic()
    revision = article.save_revision()
    revision.publish()  # its hooks warm the renditions (immediate task backend: right here)
    return {
        "path": ArticlePage.objects.get(pk=article.pk).url,
        "publish_s": round(time.monotonic() - started, 2),
        "renditions_made": image.renditions.count(),
    }


STEPS = {"prepare": prepare, "measure": measure, "publish": publish}


# --------------------------------------------------------------- over HTTP


def get(url):
    """Milliseconds of one GET (a new connection each, as urllib does); 200 or an error."""
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers=HEADERS), timeout=30) as r:
        r.read()
        assert r.status == 200, (url, r.status)
    return (time.perf_counter() - started) * 1000


def start_gunicorn(mode):
    """gunicorn under the production settings, its log (the workers' SIGTERM lines at every
    stop are noise here) in GUNICORN_LOG: (process, base URL)."""
    port = servers.free_ports()[0]
    with GUNICORN_LOG.open("a") as log_file:
        process = servers.start_gunicorn(
            port, env(mode), workers=bench_site.WORKERS, stderr=log_file
        )
    return process, f"http://127.0.0.1:{port}"


def first_answer(url, process, started, seconds=60):
    """(boot, first response) in seconds: from `started` to the attempt that connected (polled
    every 20 ms), and from that attempt to its 200."""
    request = urllib.request.Request(url, headers=HEADERS)
    while time.perf_counter() - started < seconds:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}: {GUNICORN_LOG}")
        attempt = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                return attempt - started, time.perf_counter() - attempt
        except urllib.error.HTTPError:
            raise  # it answered, but not with a 200: a broken start, not a slow one
        except OSError:
            time.sleep(0.02)  # not listening yet
    raise RuntimeError(f"{url} gave no 200 within {seconds} s")


def cold_starts():
    boots, firsts, spawns = [], [], []
    for _ in range(COLD_STARTS):
        bench_site.flush_redis(REDIS_URL)
        started = time.perf_counter()
        process, base = start_gunicorn("cached")
        try:
            boot, first = first_answer(base + "/", process, started)
        finally:
            servers.stop(process)
        boots.append(round(boot, 3))
        firsts.append(round(first, 3))
        spawns.append(round(boot + first, 3))
    return {
        "boot_runs_s": boots,
        "boot_median_s": statistics.median(boots),
        "first_response_runs_s": firsts,
        "median_s": statistics.median(firsts),
        "max_s": max(firsts),
        "spawn_to_first_200_runs_s": spawns,
        "spawn_to_first_200_median_s": statistics.median(spawns),
    }


def first_views(paths):
    """Publish ARTICLES_PUBLISHED articles one by one; time the first and later GETs of each."""
    bench_site.flush_redis(REDIS_URL)
    process, base = start_gunicorn("uncached")
    try:
        servers.wait_until_answering(base + "/", process, headers=HEADERS)
        # Concurrent requests reach every worker: none meets the new article with its first
        # request (its database connection, the shared data), as in production.
        urls = [base + paths[label] for label in ("home", "article index p1", "article")]
        with concurrent.futures.ThreadPoolExecutor(bench_site.WORKERS * 2) as pool:
            list(pool.map(get, urls * bench_site.WORKERS * 4))
        views = []
        for number in range(ARTICLES_PUBLISHED):
            published = inside("publish", PRODUCTION, str(number))
            url = base + published["path"]
            first = get(url)
            warm = statistics.median(get(url) for _ in range(WARM_VIEWS))
            ratio = round(first / warm, 2)
            views.append({**published, "first_ms": round(first, 1), "warm_ms": round(warm, 1)})
            views[-1].update(ratio=ratio, ok=ratio <= TARGETS["first_view_ratio"])
            log(f"  {published['path']}: first {first:.0f} ms, warm {warm:.0f} ms")
    finally:
        servers.stop(process)
    return views


# ------------------------------------------------------------------- report


def judge(rows):
    floor = rows[FLOOR]["median_ms"]
    for label, row in rows.items():
        row["x_floor"] = round(row["median_ms"] / floor, 2)
        if label != FLOOR:
            row["ok"] = row["x_floor"] <= TARGETS["floor_ratio"]
            row["ok"] &= row["queries"] <= TARGETS["queries"]
    return rows


def table(report):
    cold = report["cold_start"]
    lines = [
        f"Render cost in process (clinic.wsgi, the site's middleware), page cache off, shared "
        f"data and fragment caches on: median of {RENDERS} interleaved requests each.",
        f"{'page':<18} {'path':<34} {'median ms':>9} {'p90 ms':>7} {'x floor':>7} {'SQL':>4} "
        f"{'bytes':>7}  target <= {TARGETS['floor_ratio']:g} x, <= {TARGETS['queries']} SQL",
    ]
    for label, row in report["render"].items():
        lines.append(
            f"{label:<18} {row['path'][:34]:<34} {row['median_ms']:>9.2f} {row['p90_ms']:>7.2f} "
            f"{row['x_floor']:>7.2f} {row['queries']:>4} {row['bytes']:>7}  "
            + (VERDICT[row["ok"]] if "ok" in row else "(the floor)")
        )
    lines += [
        "",
        f"Cold start (gunicorn, {bench_site.WORKERS} workers, preload, page cache on, Redis "
        f"flushed), {COLD_STARTS} runs. Boot, spawn to listening: "
        + ", ".join(f"{s:.2f}" for s in cold["boot_runs_s"])
        + " s. First response, sent as it listens, to its 200 of /: "
        + ", ".join(f"{s:.2f}" for s in cold["first_response_runs_s"])
        + f" s; median {cold['median_s']:.2f} s, max {cold['max_s']:.2f} s; target median <= "
        f"{TARGETS['cold_start_s']} s  {VERDICT[cold['ok']]}. Spawn to first 200: "
        + ", ".join(f"{s:.2f}" for s in cold["spawn_to_first_200_runs_s"])
        + f" s; median {cold['spawn_to_first_200_median_s']:.2f} s; target median <= "
        f"{TARGETS['spawn_to_first_200_s']:g} s  {VERDICT[cold['spawn_ok']]}",
        "",
        "First view of a just-published article (gunicorn, page cache off) against the "
        f"median of the {WARM_VIEWS} views after it",
        f"{'article':<36} {'publish s':>9} {'renditions':>10} {'first ms':>9} {'warm ms':>8} "
        f"{'ratio':>6}  target <= {TARGETS['first_view_ratio']:g} x",
    ]
    for view in report["first_views"]:
        lines.append(
            f"{view['path']:<36} {view['publish_s']:>9.2f} {view['renditions_made']:>10} "
            f"{view['first_ms']:>9.1f} {view['warm_ms']:>8.1f} {view['ratio']:>6.2f}  "
            + VERDICT[view["ok"]]
        )
    return "\n".join(lines)


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--inside":
        result = STEPS[sys.argv[2]](sys.argv[4])
        Path(sys.argv[3]).write_text(json.dumps(result))
        return

    log(f"Recreating {urlsplit(DATABASE_URL).path.lstrip('/')}: migrate; collectstatic alongside")
    bench_site.recreate_database(DATABASE_URL)
    bench_site.flush_redis(REDIS_URL)
    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    GUNICORN_LOG.unlink(missing_ok=True)
    # Production's manifest of hashed static names, brought up to date meanwhile.
    steps = [manage("collectstatic", "--noinput"), manage("migrate", "--noinput")]
    if any(step.wait() for step in steps):
        sys.exit("collectstatic or migrate failed")
    log("Loading the demo site, 1,000 articles, 20 treatments and the floor page")
    paths = inside("prepare")
    log(f"Rendering each page {RENDERS} times, in process")
    bench_site.flush_redis(REDIS_URL)
    report = {"machine": {"cpus": os.cpu_count()}, "renders": RENDERS, "targets": TARGETS}
    report["render"] = judge(inside("measure", arg=json.dumps(paths)))
    log("Cold starts")
    report["cold_start"] = cold_starts()
    cold = report["cold_start"]
    cold["ok"] = cold["median_s"] <= TARGETS["cold_start_s"]
    cold["spawn_ok"] = cold["spawn_to_first_200_median_s"] <= TARGETS["spawn_to_first_200_s"]
    log("First views of just-published articles")
    report["first_views"] = first_views(paths)
    report["seconds_total"] = round(time.monotonic() - STARTED)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print()
    print(table(report))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)} in {report['seconds_total']} s")


if __name__ == "__main__":
    main()
