"""A redis-server of a test's own, on a free port, that the test may stop, restart and flush
(never the shared one on 6379), and the shared cache pointed at it through the backend the
settings use with REDIS_URL (clinic/serving/resilient_cache.py)."""

import os
import socket
import subprocess
from urllib.parse import urlsplit

from scripts.servers import free_ports

# The shared Redis that tests of shared counting and readiness use (CI starts one).
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def shared_redis_reachable():
    parts = urlsplit(TEST_REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


class ThrowawayRedis:
    """redis-server with its snapshot in `directory`: `stop(keep_data=True)` writes it, so
    `start()` comes back with the data as a Redis restarted from its snapshot does."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_ports(1)[0]

    def url(self, password=""):
        credentials = f":{password}@" if password else ""
        return f"redis://{credentials}127.0.0.1:{self.port}/0"

    def start(self):
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--dir", str(self.directory), "--daemonize", "yes", "--appendonly", "no"],
            check=True,
            capture_output=True,
        )
        while self.cli("ping").stdout.strip() != "PONG":  # loading its snapshot, or starting
            pass

    def stop(self, keep_data=False):
        self.cli("shutdown", "save" if keep_data else "nosave")
        while self.answering():
            pass

    def flush(self):
        assert self.cli("flushdb").stdout.strip() == "OK"

    def stored_keys(self):
        return self.cli("--raw", "keys", "*").stdout.split()

    def cli(self, *args):
        return subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True
        )

    def answering(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False


class FakeClock:
    """time.monotonic for resilient_cache: moved on by the test, never by waiting."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


def resilient_cache_settings(url):
    return {
        "default": {
            "BACKEND": "clinic.serving.resilient_cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "clinic-test",
        }
    }
