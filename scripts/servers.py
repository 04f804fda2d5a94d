"""The site's own gunicorn servers on 127.0.0.1, and moto's S3-compatible server for their
media: start, wait until they answer, stop.

Shared by the benchmarks (make bench, make lighthouse) and the two-server test.
Ports come from below 32768: the ones above are handed out to client sockets here.
"""

import importlib.util
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_ports(count=1, first=18000, last=18999):
    """`count` ports nobody listens on, tried in random order so parallel runs rarely clash."""
    ports = []
    for port in random.sample(range(first, last + 1), last + 1 - first):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise RuntimeError(f"No {count} free ports between {first} and {last}")


def start_gunicorn(port, env, workers=2, **popen_options):
    """gunicorn serving clinic.wsgi in its own process group (so stop() ends its workers)."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "clinic.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(  # noqa: S603 (our own server)
        command, cwd=ROOT, env=env, start_new_session=True, **popen_options
    )


def start_moto(port, **popen_options):
    """moto's standalone S3-compatible server (`moto_server`, from the locked dev environment),
    in its own process group. It keeps everything in memory: stopping it empties it."""
    if importlib.util.find_spec("moto") is None:
        raise RuntimeError("moto is not installed: `make install` installs the locked dev group")
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    return subprocess.Popen(command, cwd=ROOT, start_new_session=True, **popen_options)


def wait_until_answering(url, process, headers=None, seconds=60):
    """Return once the server answers anything at all; fail if it exits or stays silent."""
    deadline = time.monotonic() + seconds
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (127.0.0.1)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn for {url} exited with {process.returncode}")
        try:
            urllib.request.urlopen(request, timeout=2).read()  # noqa: S310 (127.0.0.1)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
