"""Compressed pages: Brotli where the browser accepts it, else gzip, never at a secret's risk.

- Which responses: HTML, feeds, the sitemap and robots.txt (COMPRESSIBLE), of 200 bytes or more.
- Never compressed (BREACH: an attacker who can add text to a compressed page that also holds
  a secret learns the secret from the sizes): a response that handed out a CSRF token, set a
  cookie, or went to a signed-in visitor (a session cookie). Those are the booking form, the
  admin and anything personal; they are sent as they are.
- Cached pages are compressed once, when the page cache stores them (clinic/serving/pagecache.py
  keeps every encoding); a hit is served in the encoding the browser asked for.
  `CompressionMiddleware` compresses the other anonymous pages as they go out.
- Static files are not touched: whitenoise answers them before this runs, already compressed.
"""

import gzip
import re

import brotli
from django.conf import settings
from django.utils.cache import has_vary_header, patch_vary_headers

COMPRESSIBLE = (
    "text/html",
    "text/plain",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
)
MIN_SIZE = 200
# Brotli's quality: a page stored once in the cache gets the smaller output; a page compressed
# on every request gets the fast setting (both well under a millisecond for our pages).
STORED_QUALITY = 9
LIVE_QUALITY = 5
ACCEPT_ENCODING = re.compile(r"\s*([a-z*]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*")


def accepted(request):
    """The best encoding this request accepts: 'br', 'gzip' or 'identity'."""
    offered = {}
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        match = ACCEPT_ENCODING.fullmatch(part)
        if match:
            try:
                offered[match.group(1)] = float(match.group(2) or 1)
            except ValueError:
                continue
    for encoding in ("br", "gzip"):
        if offered.get(encoding, offered.get("*", 0)) > 0:
            return encoding
    return "identity"


def compress(content, encoding, quality=LIVE_QUALITY):
    if encoding == "br":
        return brotli.compress(content, quality=quality)
    if encoding == "gzip":
        return gzip.compress(content, compresslevel=6, mtime=0)
    return content


def all_encodings(content):
    """Every encoding of a page the cache stores, made once."""
    return {
        "identity": content,
        "br": compress(content, "br", STORED_QUALITY),
        "gzip": compress(content, "gzip"),
    }


def compressible(response):
    """A text response of some size, whose encoding nothing has chosen yet."""
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return (
        content_type in COMPRESSIBLE
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and not has_vary_header(response, "Accept-Encoding")  # the page cache chose already
        and len(response.content) >= MIN_SIZE
    )


def carries_a_secret(request, response):
    """Whether the response may hold something an attacker must not learn (see above)."""
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.cookies
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def encode(response, encoding, content):
    """Put `content` (the body in `encoding`) into the response, with its headers."""
    patch_vary_headers(response, ["Accept-Encoding"])
    if encoding != "identity":
        response["Content-Encoding"] = encoding
    response.content = content
    response["Content-Length"] = str(len(content))
    return response


class CompressionMiddleware:
    """Compress the anonymous pages the page cache did not (it serves its own compressed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not compressible(response) or carries_a_secret(request, response):
            return response
        encoding = accepted(request)
        return encode(response, encoding, compress(response.content, encoding))
