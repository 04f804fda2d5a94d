"""Copies of what a page needs while the database is down: kept in the shared cache and a file.

When PostgreSQL restarts, a few things must still be right: the clinic's phone number and
crisis lines on the 503 page, the reply promise on the thank-you page of a request held for
later, the booking form's questions. Their owners keep a copy here whenever the real data is
saved or read (`keep`), and the outage pages read it back (`read`) without a query:

- in the shared cache (Redis with REDIS_URL: every app server sees the latest copy at once),
  with no expiry;
- and in a small JSON file in OUTAGE_COPY_DIR (each app server's own disk, so a copy is still
  there when Redis is gone too, and after a restart). Written atomically: temp file, fsync,
  rename, so a reader never sees half a file.

Nothing private goes into a copy: they hold what any visitor can read on the site.
A process writes only when the value differs from what it last wrote, so keeping a copy on
every read costs a comparison.
"""

import json
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

CACHE_PREFIX = "outage-copy:"
# What this process last wrote, by name: no write when nothing changed.
_written = {}


def copy_dir():
    return Path(getattr(settings, "OUTAGE_COPY_DIR", settings.BASE_DIR / "var" / "outage"))


def copy_path(name):
    return copy_dir() / f"{name}.json"


def write_atomically(path, data):
    """Write bytes so that `path` holds either the old content or all of the new: a temp file
    in the same folder, fsync'ed, then renamed over it (and the folder fsync'ed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def keep(name, value):
    """Keep `value` (JSON-serialisable) as the copy called `name`. Never raises: a copy that
    cannot be written is logged, and the page that asked goes on."""
    if _written.get(name) == value:
        return
    try:
        cache.set(CACHE_PREFIX + name, value, timeout=None)
    except Exception:
        logger.warning("Could not keep the %s copy in the shared cache", name)
    try:
        write_atomically(copy_path(name), json.dumps(value, sort_keys=True).encode())
    except OSError:
        logger.warning("Could not write the %s copy to %s", name, copy_dir())
        return
    _written[name] = value


def read(name):
    """The latest copy called `name`: from the shared cache, else from the file; None if
    neither holds one. Never queries the database, never raises."""
    try:
        value = cache.get(CACHE_PREFIX + name)
    except Exception:
        value = None
    if value is not None:
        return value
    try:
        return json.loads(copy_path(name).read_text())
    except (OSError, ValueError):
        return None


def forget_written():
    """For tests: the next keep() writes whatever it is given."""
    _written.clear()
