"""make faults: the site under load while its parts fail, and what visitors got.

    make faults        # = uv run --frozen python -m scripts.faults

Starts a PostgreSQL and a Redis of its own (so it may stop them; the shared servers are not
touched), builds the demo site on them under production settings, serves it with gunicorn
(two workers, page cache on) and keeps a bounded load running: a few visitors in threads, each
viewing pages (cached ones, and uncached ones such as site search) and now and then posting a
booking request with a name of its own. Meanwhile, one after the other:

1. PostgreSQL restarts: stopped for DOWN_SECONDS, started again;
2. Redis stops for DOWN_SECONDS and starts again (empty);
3. Redis is flushed.

For each, it reports the requests sent and answered 200, 503, 500 and otherwise, the booking
requests posted, told received (among them those held: thanked with a reference while the
database was down), given back to the visitor, stored, lost (told received but not stored)
and stored twice, and the seconds from the part's return to the first page that needs
it answering 200. Requests held during the outage are stored by `store_held_requests`, as the
scheduled job does every minute. Fails (exit status 1) on any 500, any lost or duplicated
request, or a part that does not recover; writes bench-results/faults.json. Not part of make
test; CI runs it.
"""

# Local URLs by design.
# ruff: noqa: S310

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

from cryptography.fernet import Fernet

from scripts import servers

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results" / "faults.json"
VISITORS = 4  # threads; each waits PAUSE between requests, so the load stays bounded
PAUSE = 0.05
DOWN_SECONDS = 10
STEADY_SECONDS = 8  # load before each fault and after the part is back
RECOVERY_LIMIT = 60
CACHED_PAGES = ["/", "/treatments/ketamine-infusion-therapy/", "/articles/", "/crisis-help/"]
UNCACHED_PAGES = ["/search/?q=ketamine", "/search/?q=therapy"]  # need the database each time
BOOKING_PATH = "/book-a-consultation/"
BOOKING_EVERY = 6  # every sixth request of a visitor is a booking request
MARKER = "Fault Drill"  # the posted names start with it
KNOWN_OUTCOMES = ("received", "held", "given back")


def booking_answers(name):
    return {
        "full_name": name,
        "email": f"{name.split()[-1]}@example.com",
        "phone": "",
        "contact_method": "Email",
        "which_days_and_times_suit_you": ["Weekday mornings"],
        "service": "not-sure",
        "how_did_you_hear_about_the_clinic": "A web search",
        "anything_you_would_like_us_to_know_before_we_call": "",
        "i_confirm_that_i_am_18_or_over": "on",
        "consent": "on",
        "website": "",
    }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: its cookies (kept by hand: production's are Secure, and the servers here
    answer plain HTTP from 127.0.0.1), and no redirect followed."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.form_token = ""
        self.opener = urllib.request.build_opener(NoRedirect)

    def get(self, path):
        return self.send(path)

    def post(self, path, data, token):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        return self.send(path, body.encode(), {"Referer": self.base + path})

    def send(self, path, body=None, headers=None):
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        if self.cookies:
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            request.add_header("Cookie", cookie)
        try:
            response = self.opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        except OSError:
            return 0, ""  # no answer at all (connection refused or reset)
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, response.read().decode(errors="replace")


def csrf_token(html):
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.find(marker)
    return html[start + len(marker) : html.find('"', start + len(marker))] if start >= 0 else ""


class Load:
    """VISITORS threads of page views and booking posts until stopped; every answer recorded."""

    def __init__(self, base):
        self.base = base
        self.records = []  # (time, kind, status)
        self.bookings = []  # (name, outcome)
        self.lock = threading.Lock()
        self.running = threading.Event()
        self.threads = []

    def start(self):
        self.running.set()
        self.threads = [threading.Thread(target=self.visit, args=(n,)) for n in range(VISITORS)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.running.clear()
        for thread in self.threads:
            thread.join()

    def record(self, kind, status):
        with self.lock:
            self.records.append((time.monotonic(), kind, status))

    def visit(self, number):
        visitor = Visitor(self.base)
        pages = CACHED_PAGES + UNCACHED_PAGES
        count = 0
        while self.running.is_set():
            count += 1
            if count % BOOKING_EVERY == 0:
                self.book(visitor)
            else:
                path = pages[(count + number) % len(pages)]
                kind = "uncached" if path in UNCACHED_PAGES else "cached"
                self.record(kind, visitor.get(path)[0])
            time.sleep(PAUSE)

    def book(self, visitor):
        """A booking request, as a visitor who loaded the form (now, or before the fault)
        sends it: with the form's token from its last good load."""
        status, html = visitor.get(BOOKING_PATH)
        self.record("booking form", status)
        if status == 200:
            visitor.form_token = csrf_token(html)
        if not visitor.form_token:
            return
        name = f"{MARKER} {uuid.uuid4().hex[:12]}"
        status, html = visitor.post(BOOKING_PATH, booking_answers(name), visitor.form_token)
        self.record("booking post", status)
        with self.lock:
            self.bookings.append((name, outcome_of(status, html)))

    def since(self, moment):
        with self.lock:
            return [r for r in self.records if r[0] >= moment]


def outcome_of(status, html):
    """What the visitor was told: received (sent on to the thank-you page), held (thanked with
    a reference while the database was down), given back (the form again, answers in it), or
    an error."""
    if status in (302, 303):
        return "received"
    if status == 200 and "your request has been sent" in html and "Your reference is" in html:
        return "held"
    if status in (200, 503) and 'name="full_name"' in html and MARKER in html:
        return "given back"
    return f"status {status}"


class Postgres:
    """A PostgreSQL cluster of its own in a temporary folder (initdb refuses root: run as the
    postgres user then)."""

    def __init__(self, workdir):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not versions:
            sys.exit("No PostgreSQL server binaries in /usr/lib/postgresql")
        self.bin = versions[-1]
        self.data = workdir / "pgdata"
        self.port = servers.free_ports(1, 25000, 25999)[0]
        workdir.chmod(0o777)
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def run(self, program, *args):
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self):
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", str(self.log), "start")

    def stop(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def log(self):
        return self.data.parent / "postgres.log"

    def url(self, name="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


class Redis:
    def __init__(self):
        self.port = servers.free_ports(1, 26000, 26999)[0]
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (our own throwaway server)
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while self.cli("ping") != "PONG":
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait()

    def cli(self, *args):
        run = subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True
        )
        return run.stdout.strip()


def site_env(postgres, redis, workdir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAGE_CACHE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=postgres.url("clinic_faults"),
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
        MEDIA_ROOT=str(workdir / "media"),
        BOOKING_SPOOL_DIR=str(workdir / "spool"),
        SERVE_MEDIA="true",
        PAGE_CACHE="on",
        # One address sends every request here: its limits must not be what is measured.
        BOOKING_RATE_LIMIT="100000",
        BOOKING_POST_LIMIT="100000",
    )
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


STORED_NAMES = f"""
import json
from booking.models import BookingSubmission
names = [s.get_data().get("full_name", "") for s in BookingSubmission.objects.all()]
print(json.dumps([n for n in names if n.startswith("{MARKER}")]))
"""


def stored_names(env):
    manage(env, "store_held_requests")
    return Counter(json.loads(manage(env, "shell", "-c", STORED_NAMES).strip().splitlines()[-1]))


def recovery_seconds(load, back_at, kind):
    """Seconds from the part's return to the first 200 of a request that needs it."""
    deadline = back_at + RECOVERY_LIMIT
    while time.monotonic() < deadline:
        for moment, record_kind, status in load.since(back_at):
            if record_kind == kind and status == 200:
                return round(moment - back_at, 2)
        time.sleep(0.2)
    return None


def scenario(name, load, env, break_part, restore_part, needs):
    """Steady load, the fault, the part back, steady load; what the visitors got meanwhile."""
    print(f"{name} ...", flush=True)
    bookings_before = len(load.bookings)
    started = time.monotonic()
    time.sleep(STEADY_SECONDS)
    break_part()
    time.sleep(DOWN_SECONDS)
    restore_part()
    back_at = time.monotonic()
    recovered = recovery_seconds(load, back_at, needs)
    time.sleep(STEADY_SECONDS)
    records = load.since(started)
    with load.lock:
        posted = load.bookings[bookings_before:]
    statuses = Counter(status for _, _, status in records)
    stored = stored_names(env)
    received = [n for n, outcome in posted if outcome in ("received", "held")]
    return {
        "requests": len(records),
        "200": statuses[200],
        "503": statuses[503],
        "500": sum(count for status, count in statuses.items() if status >= 500 and status != 503),
        "other": sum(c for s, c in statuses.items() if s not in (200, 503) and s < 500),
        "no answer": statuses[0],
        "bookings posted": len(posted),
        "told received": len(received),
        "held": sum(1 for _, outcome in posted if outcome == "held"),
        "given back": sum(1 for _, outcome in posted if outcome == "given back"),
        "stored": sum(1 for n, _ in posted if stored[n]),
        "lost": sum(1 for n in received if not stored[n]),
        "stored twice": sum(1 for n, _ in posted if stored[n] > 1),
        "recovery s": recovered,
        "other outcomes": dict(Counter(o for _, o in posted if o not in KNOWN_OUTCOMES)),
    }


def main():
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="clinic-faults-"))
    postgres, redis = Postgres(workdir), Redis()
    server = load = None
    results = {"scenarios": {}}
    try:
        postgres.start()
        redis.start()
        subprocess.run(
            [str(postgres.bin / "createdb"), "-h", "127.0.0.1", "-p", str(postgres.port)]
            + ["-U", "postgres", "clinic_faults"],
            check=True,
        )
        env = site_env(postgres, redis, workdir)
        print("Building the demo site (PostgreSQL, production settings) ...", flush=True)
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            manage(env, *command)
        manage(env, "load_demo_content")
        port = servers.free_ports()[0]
        server_log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the server)
        server = servers.start_gunicorn(
            port, env, workers=2, stdout=server_log, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        servers.wait_until_answering(base + "/", server)
        load = Load(base)
        load.start()
        plan = [
            ("PostgreSQL restart", postgres.stop, postgres.start, "uncached"),
            ("Redis stopped and restarted", redis.stop, redis.start, "cached"),
            ("Redis flushed", lambda: redis.cli("flushall"), lambda: None, "cached"),
        ]
        for name, break_part, restore_part, needs in plan:
            results["scenarios"][name] = scenario(name, load, env, break_part, restore_part, needs)
    finally:
        if load is not None:
            load.stop()
        if server is not None:
            servers.stop(server)
        for part in (redis, postgres):
            try:
                part.stop()
            except Exception as error:  # noqa: BLE001 (already stopped by a failed step)
                print(f"  stopping {type(part).__name__}: {error}")
        shutil.rmtree(workdir, ignore_errors=True)
    failures = judge(results)
    results["failures"] = failures
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    report(results, time.monotonic() - started)
    return 1 if failures else 0


def judge(results):
    failures = []
    for name, figures in results["scenarios"].items():
        for key in ("500", "lost", "stored twice"):
            if figures[key]:
                failures.append(f"{name}: {figures[key]} {key}")
        if figures["recovery s"] is None:
            failures.append(f"{name}: not recovered within {RECOVERY_LIMIT} s")
        if figures["other outcomes"]:
            failures.append(f"{name}: booking posts answered {figures['other outcomes']}")
    return failures


def report(results, seconds):
    columns = ["requests", "200", "503", "500", "other", "no answer", "bookings posted"]
    columns += ["told received", "held", "given back", "stored", "lost", "stored twice"]
    columns += ["recovery s"]
    widths = [max(len(c), 5) + 2 for c in columns]
    print(f"\n{'fault':<28}" + "".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    for name, figures in results["scenarios"].items():
        cells = (f"{figures[c]!s:>{w}}" for c, w in zip(columns, widths, strict=True))
        print(f"{name:<28}" + "".join(cells))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)} in {seconds:.0f} s")
    if results["failures"]:
        print("FAILED:\n  " + "\n  ".join(results["failures"]))


if __name__ == "__main__":
    sys.exit(main())
