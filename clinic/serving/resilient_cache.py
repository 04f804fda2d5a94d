"""The shared cache when Redis is lost: Django's RedisCache, failing soft.

`ResilientRedisCache` is the cache backend with REDIS_URL (clinic/settings/base.py). While
Redis cannot be reached (refused, timed out, still loading, read-only, out of memory: any
redis error), each operation behaves as a cache miss instead of raising: `get` gives the
default, `get_many` nothing, `set`/`add`/`delete`/`touch` store nothing, `incr` raises
ValueError as for a missing key. So every page still renders (uncached, slower), every
request that counts something still counts (`count_up`, below), and nothing logs per request.

- Short socket timeouts (CONNECT_TIMEOUT_SECONDS, READ_TIMEOUT_SECONDS, unless the settings'
  OPTIONS say otherwise): a Redis that does not answer costs a request well under a second.
- After a failure this process leaves Redis alone for RETRY_SECONDS (every operation is a
  miss at once), then one operation tries again: caching resumes by itself, no restart.
- One warning per process a minute at most (WARNING_SECONDS), naming Redis and its host, port
  and database, never the password of REDIS_URL; one line again when Redis answers.
- Limits (booking, password resets) count with `count_up` and read with `current_count`:
  in Redis, shared by every server; while Redis is unreachable, in this process's memory,
  so the limit holds per server process instead of refusing everyone or letting all through.

Never stale after Redis returns. The page cache and the fragments store every entry with a
random token (clinic/serving/pagecache.py: the generation); publishing replaces the token.
- Redis flushed, or restarted empty: the token is gone, the next request makes a new one,
  and anything a slow request stores afterwards under the old one is never served.
- Redis unreachable for a while: a publish meanwhile could not replace the token, and Redis
  may come back with the old token and the old pages (a network cut, or a restart from its
  snapshot). So after any failure this process owes a renewal: before its first operation
  once Redis answers again, it deletes the tokens registered with `renew_after_outage`
  (the page generation, the fragment version), and every entry stored under them is dead.
  Every process that noticed the outage renews once (a few extra page renders); a process
  that saw nothing has nothing to renew. What remains is a process that published during an
  outage nobody else noticed and then stopped; PAGE_CACHE_TIMEOUT bounds that case.
- While the token cannot be read, the page cache neither serves nor stores anything.
"""

import logging
import threading
import time
from functools import partial
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 0.5
READ_TIMEOUT_SECONDS = 1.0
RETRY_SECONDS = 2.0
WARNING_SECONDS = 60.0
clock = time.monotonic  # tests replace it rather than wait

# Keys whose deletion makes every entry stored under them stale (see the docstring).
_renewed_after_outage = set()
# Counts kept while Redis is unreachable: one per process, whatever thread asks.
_local_counts = LocMemCache(
    "clinic-counts-while-redis-is-lost", {"OPTIONS": {"MAX_ENTRIES": 10_000}}
)


def renew_after_outage(key):
    """Register a token key: deleted when Redis answers again after this process saw it fail."""
    _renewed_after_outage.add(key)


class _Health:
    """What this process knows of Redis: one per process, shared by its threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = None  # None: healthy; else when the next operation may try Redis
        self.owes_renewal = False
        self.last_warning_at = None
        self.failures_since_warning = 0

    def may_try(self):
        with self.lock:
            if self.retry_at is None:
                return True
            now = clock()
            if now < self.retry_at:
                return False
            self.retry_at = now + RETRY_SECONDS  # one probe; the other threads wait for it
            return True

    def failed(self, error, where):
        with self.lock:
            now = clock()
            self.retry_at = now + RETRY_SECONDS
            self.owes_renewal = True
            self.failures_since_warning += 1
            if self.last_warning_at is not None and now - self.last_warning_at < WARNING_SECONDS:
                return
            self.last_warning_at = now
            failures, self.failures_since_warning = self.failures_since_warning, 0
        logger.warning(
            "Redis at %s is unavailable (%s; %d failed tries since the last warning): "
            "pages are rendered without the shared cache and limits are counted per server "
            "process; retrying every %g s.",
            where,
            type(error).__name__,
            failures,
            RETRY_SECONDS,
        )

    def answered(self):
        with self.lock:
            self.retry_at = None

    def renewed(self, where):
        with self.lock:
            was_owed, self.owes_renewal = self.owes_renewal, False
        if was_owed:
            logger.info(
                "Redis at %s answers again: the shared cache is back; cached pages and "
                "fragments start afresh.",
                where,
            )


health = _Health()


def described(location):
    """Scheme, host, port and database of a Redis URL: never its user name or password."""
    parts = urlsplit(location)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class _Strict:
    """The backend's own RedisCache operations, raising when Redis cannot be reached."""

    def __init__(self, backend):
        self.backend = backend

    def __getattr__(self, name):
        return partial(getattr(RedisCache, name), self.backend)


def add_one(backend, key, seconds):
    """One more under key; the window of `seconds` starts at its first count."""
    backend.add(key, 0, timeout=seconds)  # sets only a missing key
    try:
        return backend.incr(key)
    except ValueError:  # expired between add() and incr()
        backend.set(key, 1, timeout=seconds)
        return 1


def count_up(key, seconds):
    """The count under key after adding one (1 for the first), within a window of `seconds`
    from the first count: in the shared cache; in this process while Redis is unreachable."""
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        return backend.count_up(key, seconds)
    return add_one(backend, key, seconds)


def current_count(key):
    """What count_up has counted under key (0 for nothing), from where it counts now."""
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        return backend.current_count(key)
    return backend.get(key) or 0


def missing_key(key):
    raise ValueError(f"Key '{key}' not found.")


class ResilientRedisCache(RedisCache):
    """Django's RedisCache whose operations fail soft; see the module's docstring."""

    def __init__(self, server, params):
        options = {
            "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "socket_timeout": READ_TIMEOUT_SECONDS,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self.where = ", ".join(described(location) for location in self._servers)
        self.strict = _Strict(self)
        self._mget_client = None

    def attempt(self, operation, fallback):
        """operation() against Redis, renewing the tokens first if an outage is behind us;
        fallback() instead when Redis is known to be down or fails now."""
        if not health.may_try():
            return fallback()
        try:
            if health.owes_renewal:
                self.renew_tokens()
            result = operation()
        except RedisError as error:
            health.failed(error, self.where)
            return fallback()
        health.answered()
        return result

    def renew_tokens(self):
        keys = list(_renewed_after_outage)
        if keys:
            self.strict.delete_many(keys)
        health.renewed(self.where)

    def soft(self, name, fallback, *args, **kwargs):
        return self.attempt(partial(getattr(self.strict, name), *args, **kwargs), fallback)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.soft("add", lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self.soft("get", lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.soft("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.soft("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self.soft("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self.soft("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self.soft("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        return self.soft("incr", partial(missing_key, key), key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.soft("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self.soft("delete_many", lambda: None, keys, version)

    def clear(self):
        return self.soft("clear", lambda: False)

    def count_up(self, key, seconds):
        return self.attempt(
            partial(add_one, self.strict, key, seconds),
            partial(add_one, _local_counts, key, seconds),
        )

    def current_count(self, key):
        return self.attempt(lambda: self.strict.get(key) or 0, lambda: _local_counts.get(key) or 0)

    def get_many_lazily(self, keys):
        """{key: a function loading its value} for the keys Redis holds, in one MGET: values
        are unpickled only when used (a page hit reads the token and one page). One client
        per backend, over Django's own connection pool: building one costs a third of a hit."""
        return self.attempt(partial(self._mget_lazily, keys), dict)

    def _mget_lazily(self, keys):
        if self._mget_client is None:
            self._mget_client = self._cache.get_client()
        values = self._mget_client.mget([self.make_and_validate_key(key) for key in keys])
        loads = self._cache._serializer.loads
        return {
            key: partial(loads, value)
            for key, value in zip(keys, values, strict=True)
            if value is not None
        }
