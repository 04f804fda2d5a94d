"""Health checks for load balancers and orchestrators: /healthz and /readyz.

- `/healthz`: the process is alive and answers. It touches no database, cache or storage, so
  it answers while any of them is down.
- `/readyz`: the parts this server needs answer: the database (`SELECT 1` on a connection of
  its own), Redis when `REDIS_URL` is set (PING), and the media storage when it is not the
  local disk, e.g. S3 (a lookup of one fixed key). 200 when all do; 503 otherwise. The
  body has a line per part, "database: ok", "redis: unavailable" or "storage: timed out",
  and nothing of the error itself: a driver's message may name a host or a user. The error
  goes to the log, once each time a part changes state in a process, not on every probe.

`HealthCheckMiddleware` comes first in MIDDLEWARE. Balancers probe over plain HTTP, often by
the server's IP address: first, the probe meets no HTTPS redirect (SecurityMiddleware) and
nothing that reads the Host header (so an IP address is no DisallowedHost), and it answers
before the page cache, the session, CSRF or anything else that could store the answer, set a
cookie or touch the database. Both answers are `Cache-Control: no-store`.

The checks of /readyz run side by side, one thread each, and the answer waits at most
HEALTH_CHECK_TIMEOUT seconds: a part that has not answered by then is "timed out". A check
still hanging from an earlier probe is not started again (at most one thread per part and
process), and a verdict is reused for a second, so a flood of probes opens at most one
database connection a second per process.
"""

import logging
import math
import threading
import time

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

OK, UNAVAILABLE, TIMED_OUT = "ok", "unavailable", "timed out"
# Looked up on the media storage: whether it exists does not matter, only that the storage
# answered the question.
STORAGE_PROBE_KEY = "health/readyz-probe"
VERDICT_REUSED_FOR_SECONDS = 1.0


# ------------------------------------------------------------------ the checks


def database_answers(timeout):
    """A trivial query on a new connection, so a hung one is never a worker's own; libpq is
    told to give up connecting after `timeout` (PostgreSQL counts 2 s at least)."""
    settings_dict = {**connections[DEFAULT_DB_ALIAS].settings_dict}
    options = {**settings_dict.get("OPTIONS", {})}
    options.pop("pool", None)  # one connection, not a second pool
    if "postgresql" in settings_dict["ENGINE"]:
        options["connect_timeout"] = max(2, math.ceil(timeout))
    settings_dict["OPTIONS"] = options
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        wrapper.close()


def redis_answers(timeout):
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=timeout, socket_timeout=timeout
    )
    try:
        client.ping()
    finally:
        client.close()


def storage_answers(timeout):
    storages["default"].exists(STORAGE_PROBE_KEY)


def configured_checks():
    """{part: check} for the parts this configuration uses."""
    checks = {"database": database_answers}
    if settings.REDIS_URL:
        checks["redis"] = redis_answers
    if not issubclass(import_string(settings.STORAGES["default"]["BACKEND"]), FileSystemStorage):
        checks["storage"] = storage_answers  # object storage: a service that can fail
    return checks


# ------------------------------------------------- running them, bounded in time


class CheckThread(threading.Thread):
    """One check in a thread of its own (a daemon: a hung one never holds up shutdown)."""

    def __init__(self, part, check, timeout):
        super().__init__(name=f"readyz-{part}", daemon=True)
        self.check, self.timeout = check, timeout
        self.error = None

    def run(self):
        try:
            self.check(self.timeout)
        except Exception as error:  # noqa: BLE001 (any failure means the part is not ready)
            self.error = error


_running = {}  # part -> its CheckThread, while it runs
_last_verdicts = {}  # part -> verdict, to log changes only
_recent = {"at": -math.inf, "verdicts": None}
_lock = threading.Lock()


def start_checks(checks, timeout):
    """{part: thread} for the checks started; {part: TIMED_OUT} for those still hanging."""
    started, hanging = {}, {}
    with _lock:
        for part, check in checks.items():
            if part in _running and _running[part].is_alive():
                hanging[part] = TIMED_OUT
                continue
            _running[part] = started[part] = CheckThread(part, check, timeout)
            started[part].start()
    return started, hanging


def run_checks(checks, timeout):
    """[(part, verdict)], in the order of `checks`, within about `timeout` seconds."""
    deadline = time.monotonic() + timeout
    started, verdicts = start_checks(checks, timeout)
    for part, thread in started.items():
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            verdicts[part] = TIMED_OUT
        else:
            verdicts[part] = UNAVAILABLE if thread.error else OK
        log_change(part, verdicts[part], thread.error)
    return [(part, verdicts[part]) for part in checks]


def log_change(part, verdict, error):
    """A warning when a part stops answering (with the error's type and text, for the
    operator), a note when it is back; nothing while it stays as it was."""
    previous = _last_verdicts.get(part, OK)
    _last_verdicts[part] = verdict
    if verdict == previous:
        return
    if verdict == OK:
        logger.info("Readiness: %s answers again", part)
    elif error is not None:
        logger.warning("Readiness: %s %s (%s: %s)", part, verdict, type(error).__name__, error)
    else:
        logger.warning("Readiness: %s %s", part, verdict)


def readiness():
    """The verdicts, reused for VERDICT_REUSED_FOR_SECONDS."""
    now = time.monotonic()
    if _recent["verdicts"] is None or now - _recent["at"] >= VERDICT_REUSED_FOR_SECONDS:
        verdicts = run_checks(configured_checks(), settings.HEALTH_CHECK_TIMEOUT)
        _recent.update(at=time.monotonic(), verdicts=verdicts)
    return _recent["verdicts"]


# ---------------------------------------------------------------- the answers


def alive():
    return plain_text("ok\n")


def ready():
    verdicts = readiness()
    failed = any(verdict != OK for _part, verdict in verdicts)
    body = "".join(f"{part}: {verdict}\n" for part, verdict in verdicts)
    response = plain_text(body, status=503 if failed else 200)
    # Django would log every 503 as an error, each probe of every balancer while a part is
    # down; log_change has said it once.
    response._has_been_logged = True
    return response


def plain_text(body, status=200):
    response = HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
    response["Content-Length"] = len(response.content)  # a HEAD's too: what a GET would send
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


ENDPOINTS = {"/healthz": alive, "/readyz": ready}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz (a trailing slash too) before any other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = ENDPOINTS.get(request.path_info.rstrip("/"))
        if endpoint is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponseNotAllowed(["GET", "HEAD"])
            response["Cache-Control"] = "no-store"
            return response
        response = endpoint()
        if request.method == "HEAD":
            response.content = b""
        return response
