"""make restore-drill: back the site up as the README says, restore it, and prove the copy works.

    make restore-drill     # = uv run --frozen python -m scripts.restore_drill

Against the PostgreSQL server of DATABASE_URL (when it names one; else postgres@127.0.0.1:5432),
under the production settings with a generated SECRET_KEY and FIELD_ENCRYPTION_KEYS:

1. builds a throwaway source database (clinic_restore_src): migrate, the demo site, and the
   demo inbox's fictional booking requests (content/booking-requests.yaml, encrypted);
2. backs it up: `pg_dump -Fc`, and the media folder copied aside (what rsync would do);
3. restores: `pg_restore` into a fresh database (clinic_restore_copy);
4. with a wrong FIELD_ENCRYPTION_KEYS, `migrate` on the copy must stop with clinic.E001;
5. with the right keys: `migrate`, `collectstatic`, gunicorn; public pages and a picture
   answer 200; every request's answers open and read back as stored; a Booking manager signs in
   (password and authenticator code) and the inbox's search finds a request by name.

Prints each step with its time; exits 1 when any step fails. The throwaway databases, the
dump and the media copies are removed at the end, whatever happened.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from scripts import servers

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DB = "clinic_restore_src"
COPY_DB = "clinic_restore_copy"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PAGES = [
    "/",
    "/treatments/ketamine-infusion-therapy/",
    "/articles/",
    "/articles/kap-and-ketamine-infusions-how-they-differ/",
    "/book-a-consultation/",
]
MANAGER = "restore-drill-manager"
COMMAND_TIMEOUT = 600  # seconds for one manage.py or PostgreSQL tool run


class StepFailed(Exception):
    """A step of the drill did not get the result a working restore gets."""


# The orchestration: no Django here, only the tools an operator runs -----------------------------


def main():
    server = server_url()
    workdir = Path(tempfile.mkdtemp(prefix="clinic-restore-drill-"))
    port = servers.free_ports()[0]
    keys = {"FIELD_ENCRYPTION_KEYS": new_fernet_key(), "SECRET_KEY": secrets.token_urlsafe(50)}
    drill = Drill()
    gunicorn = None
    print(f"Restore drill on {redacted(server)} (databases {SOURCE_DB}, {COPY_DB})", flush=True)
    try:
        drill.step("pg_dump and pg_restore match the server", check_tool_versions, server)
        drop_databases(server)  # what a killed earlier run left behind
        source = site_env(server, SOURCE_DB, keys, workdir / "media-source", port)
        copy = site_env(server, COPY_DB, keys, workdir / "media-copy", port)
        names_file = workdir / "names.json"

        drill.step(f"source: createdb {SOURCE_DB}, migrate", create_and_migrate, server, source)
        drill.step("source: load_demo_content", manage, source, "load_demo_content")
        drill.step("source: the demo booking requests", inside, source, "load-requests", names_file)
        dump = workdir / "clinic.dump"
        drill.step("backup: pg_dump -Fc", pg_dump, server, SOURCE_DB, dump)
        drill.step("backup: the media folder", copy_media, source, copy)

        drill.step(f"restore: createdb {COPY_DB}, pg_restore", pg_restore, server, dump)
        wrong = {**copy, "FIELD_ENCRYPTION_KEYS": new_fernet_key()}
        drill.step("restore with a wrong key: migrate stops with clinic.E001", refused, wrong)
        drill.step("restore: migrate with the right keys", migrate_accepted, copy)
        drill.step("restore: collectstatic", manage, copy, "collectstatic", "--noinput")
        log = workdir / "gunicorn.log"
        gunicorn = drill.step("restore: gunicorn answers", start_server, copy, port, log)
        drill.step("restored pages and a picture answer 200", pages_render, port)
        drill.step(
            "restored requests open and a manager's search finds one",
            inside,
            copy,
            "prove-requests",
            names_file,
        )
    except StepFailed:
        pass  # reported below; nothing after a failed step can be trusted
    finally:
        if gunicorn is not None:
            servers.stop(gunicorn)
        shutil.rmtree(workdir, ignore_errors=True)
        with contextlib.suppress(StepFailed):  # reported: someone must drop them by hand
            drill.step("clean-up: the throwaway databases dropped", drop_databases, server)
    return drill.report()


class Drill:
    """Runs steps one after the other, timing each; the first failure stops the drill."""

    def __init__(self):
        self.results = []  # (name, seconds, passed, detail)
        self.started = time.monotonic()

    def step(self, name, function, *args):
        print(f"-- {name} ...", flush=True)
        started = time.monotonic()
        try:
            outcome = function(*args)
        except Exception as error:  # noqa: BLE001 (every failure is reported, then the drill ends)
            self.results.append((name, time.monotonic() - started, False, str(error)))
            raise StepFailed from error
        detail = outcome if isinstance(outcome, str) else ""
        self.results.append((name, time.monotonic() - started, True, detail))
        return outcome

    def report(self):
        print("\nRestore drill")
        for name, seconds, passed, detail in self.results:
            verdict = "ok  " if passed else "FAIL"
            print(f"  {verdict} {seconds:6.1f} s  {name}")
            for line in detail.splitlines():
                print(f"                    {line}")
        passed = bool(self.results) and all(result[2] for result in self.results)
        total = time.monotonic() - self.started
        print(f"{'PASSED' if passed else 'FAILED'} in {total:.0f} s")
        return 0 if passed else 1


def server_url():
    """DATABASE_URL's PostgreSQL server (CI's), or the machine's default one."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_SERVER


def database_url(server, name):
    return urllib.parse.urlsplit(server)._replace(path=f"/{name}").geturl()


def redacted(url):
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{parts.username or ''}@{host}:{parts.port or 5432}"


def pg_env(server):
    """The libpq variables the PostgreSQL tools read, from the server's URL."""
    parts = urllib.parse.urlsplit(server)
    variables = {
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "postgres",
        "PGDATABASE": "postgres",
    }
    if parts.password:
        variables["PGPASSWORD"] = urllib.parse.unquote(parts.password)
    return {**os.environ, **variables}


def new_fernet_key():
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def site_env(server, database, keys, media_root, port):
    """The production settings of one database: what an app server of the clinic would have."""
    env = {
        **os.environ,
        **keys,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.production",
        "DATABASE_URL": database_url(server, database),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1, no proxy in front
        "MEDIA_ROOT": str(media_root),
        "SERVE_MEDIA": "true",  # one server, no proxy to serve /media/
    }
    for name in ("REDIS_URL", "AWS_STORAGE_BUCKET_NAME"):
        env.pop(name, None)  # local memory cache, media on the disk
    return env


def run(command, env, expect_success=True):
    """Run a tool; its output is shown only when it fails."""
    process = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    output = process.stdout + process.stderr
    if expect_success and process.returncode:
        raise RuntimeError(f"{' '.join(command[:3])} exited {process.returncode}:\n{output}")
    return process.returncode, output


def manage(env, *command):
    run([sys.executable, "manage.py", *command], env)


def inside(env, task, names_file):
    """A part of the drill that needs Django, in its own process with the site's settings."""
    _, output = run([sys.executable, "-m", "scripts.restore_drill", task, str(names_file)], env)
    return output.strip()


def major_version(text):
    return int(re.search(r"(\d+)(?:\.\d+)?", text).group(1))


def check_tool_versions(server):
    env = pg_env(server)
    _, server_version = run(["psql", "-XAtc", "show server_version"], env)
    dump_version = run(["pg_dump", "--version"], env)[1].strip()
    restore_version = run(["pg_restore", "--version"], env)[1].strip()
    # pg_dump refuses a newer server; an older server's dump restores with the same tools.
    for tool in (dump_version, restore_version):
        if major_version(tool) < major_version(server_version):
            raise RuntimeError(f"{tool} is older than the server ({server_version.strip()})")
    return f"server {server_version.strip()}; {dump_version}; {restore_version}"


def drop_databases(server):
    for name in (SOURCE_DB, COPY_DB):
        run(["dropdb", "--if-exists", "--force", name], pg_env(server))


def create_and_migrate(server, env):
    run(["createdb", SOURCE_DB], pg_env(server))
    manage(env, "migrate", "--noinput")


def pg_dump(server, database, dump):
    run(["pg_dump", "--format=custom", f"--file={dump}", database], pg_env(server))
    return f"{dump.stat().st_size / 1e6:.1f} MB"


def copy_media(source, copy):
    """The media folder copied as rsync would (a bucket is versioned or replicated instead)."""
    shutil.copytree(source["MEDIA_ROOT"], copy["MEDIA_ROOT"])
    files = [path for path in Path(copy["MEDIA_ROOT"]).rglob("*") if path.is_file()]
    return f"{len(files)} files"


def pg_restore(server, dump):
    env = pg_env(server)
    run(["createdb", COPY_DB], env)
    run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={COPY_DB}", str(dump)], env)


def refused(env):
    """migrate must exit non-zero and name clinic.E001: the deployment stops, no page shows it."""
    status, output = run([sys.executable, "manage.py", "migrate", "--noinput"], env, False)
    if status == 0 or "clinic.E001" not in output:
        raise RuntimeError(
            f"migrate with a wrong key exited {status} without clinic.E001:\n{output[-2000:]}"
        )
    return "\n".join(line.strip() for line in output.splitlines() if "clinic.E001" in line)


def migrate_accepted(env):
    _, output = run([sys.executable, "manage.py", "migrate", "--noinput"], env)
    if "clinic.E001" in output:
        raise RuntimeError(f"migrate with the right keys reported clinic.E001:\n{output}")


def start_server(env, port, log):
    """gunicorn on the copy; its log (which calls stopping workers an ERROR) shown on failure."""
    with log.open("w") as output:
        process = servers.start_gunicorn(port, env, stdout=output, stderr=subprocess.STDOUT)
    try:
        servers.wait_until_answering(f"http://127.0.0.1:{port}/", process)
    except RuntimeError as error:
        raise RuntimeError(f"{error}\n{log.read_text()[-2000:]}") from None
    return process


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (127.0.0.1)
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def pages_render(port):
    base = f"http://127.0.0.1:{port}"
    pictures = []
    for path in PAGES:
        status, html = fetch(base + path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        pictures += re.findall(r'src="(/media/[^"]+)"', html)
    if not pictures:
        raise RuntimeError("no page shows a picture from /media/")
    status, _ = fetch(base + pictures[0])
    if status != 200:
        raise RuntimeError(f"GET {pictures[0]} answered {status}")
    return f"{len(PAGES)} pages and {pictures[0]}"


# Inside Django: run as `python -m scripts.restore_drill <task> <names file>` ---------------------


def load_requests(names_file):
    """The demo inbox's requests on the source; their names written down to compare later."""
    from booking.demo import load_requests as load_demo_requests
    from booking.models import BookingFormPage, BookingSubmission
    from clinic.documents.demo import DemoContent

    load_demo_requests(DemoContent(), BookingFormPage.objects.get(slug="book-a-consultation"))
    names = sorted(submission.name for submission in BookingSubmission.objects.all())
    if not names:
        raise SystemExit("no booking request was stored on the source")
    Path(names_file).write_text(json.dumps(names))
    return f"{len(names)} requests, encrypted"


def prove_requests(names_file):
    """On the copy: every request opens; a manager's search finds one by name in the inbox."""
    from django.urls import reverse

    from booking.models import BookingSubmission

    expected = json.loads(Path(names_file).read_text())
    requests = list(BookingSubmission.objects.order_by("pk"))
    unreadable = [request.reference for request in requests if request.answers_unreadable]
    if unreadable:
        raise SystemExit(f"these requests do not open with the keys: {', '.join(unreadable)}")
    names = sorted(request.name for request in requests)
    if names != expected:
        raise SystemExit(f"names read back {names}, stored {expected}")
    wanted, other = requests[0], requests[-1]
    client = signed_in_manager()
    found = inbox_search(client, wanted.name.split()[-1])  # a whole last name, as managers do
    if wanted.name not in found or other.name in found:
        raise SystemExit(f"the inbox's search for {wanted.name!r} did not find just that request")
    page = client.get(reverse("booking_requests:request", args=[wanted.pk]), secure=True)
    if page.status_code != 200 or wanted.name not in page.content.decode():
        raise SystemExit(f"{wanted.reference}'s page answered {page.status_code} without the name")
    return (
        f"{len(requests)} requests decrypted as stored; the inbox's search for "
        f"{wanted.name.split()[-1]!r} finds {wanted.reference} only"
    )


def signed_in_manager():
    """A Booking manager signed in as people are: password, then an authenticator code."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from clinic.security.groups import BOOKING_MANAGERS

    password = secrets.token_urlsafe(24)
    user = get_user_model().objects.create_user(MANAGER, password=password, is_staff=False)
    user.groups.add(Group.objects.get(name=BOOKING_MANAGERS))
    device = TOTPDevice.objects.create(user=user, name="drill", confirmed=True)
    client = Client(HTTP_HOST="127.0.0.1")
    signed_in = client.post(
        reverse("wagtailadmin_login"), {"username": MANAGER, "password": password}, secure=True
    )
    if signed_in.status_code != 302:
        raise SystemExit(f"the manager's sign-in answered {signed_in.status_code}")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code = f"{totp.token():0{device.digits}d}"
    verified = client.post(reverse("two_factor_verify"), {"code": code}, secure=True)
    if verified.status_code != 302:
        raise SystemExit(f"the manager's authenticator code answered {verified.status_code}")
    return client


def inbox_search(client, query):
    """The inbox after a posted search (the way its search box sends it): its HTML."""
    from django.urls import reverse

    inbox = reverse("booking_requests:index")
    client.post(inbox, {"q": query}, secure=True)
    response = client.get(inbox, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"the inbox answered {response.status_code}")
    return response.content.decode()


INSIDE_TASKS = {"load-requests": load_requests, "prove-requests": prove_requests}


def run_inside(task, names_file):
    import django

    django.setup()
    print(INSIDE_TASKS[task](names_file))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in INSIDE_TASKS:
        run_inside(sys.argv[1], sys.argv[2])
    else:
        sys.exit(main())
