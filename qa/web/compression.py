"""Compressed responses: gzip for text a client accepts, where compressing leaks nothing.

BREACH recovers a secret from the compressed size of pages that reflect text
an attacker chooses beside that secret. A public page holds no secret: no
CSRF token, no session, the same bytes for every reader; so it is compressed
(the page cache compresses it once and keeps both forms). A response built
with a CSRF token or for someone with a session (the admin, the login form,
previews) is sent uncompressed: those are few, small and read by editors.

Every compressible response says ``Vary: Accept-Encoding``, compressed or
not, so a shared cache never hands gzip to a client that did not ask for it.
"""

from django.conf import settings
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

# Below this, gzip's header and checksum outweigh what it saves.
MIN_LENGTH = 200
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/ld+json",
    "application/javascript",
    "image/svg+xml",
    # The citation downloads (qa.web.citation_files): text, under types of their own.
    "application/x-research-info-systems",
    "application/x-bibtex",
    "application/vnd.citationstyles.csl+json",
)


def accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def is_compressible(response):
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and len(response.content) >= MIN_LENGTH
    )


def has_session(request):
    """Whether the response may be one person's: signed in, or sent a session cookie (staff previews too).

    The page cache sends such responses ``private, no-store``; they are never compressed.
    """
    user = getattr(request, "user", None)
    return settings.SESSION_COOKIE_NAME in request.COOKIES or (user is not None and user.is_authenticated)


def holds_secret(request, response):
    """Whether the response may carry a CSRF token or anything of one person's session."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies or has_session(request))


def gzipped(body):
    """gzip of ``body``, the same bytes every time (no name, no clock)."""
    return compress_string(body)


def weak_etag(etag):
    """The ETag of the compressed form: the same content, other bytes (RFC 9110 8.8.1)."""
    return etag if not etag or etag.startswith("W/") else f"W/{etag}"


def encode(response, body):
    """Make ``response`` carry ``body``, the gzip of its content."""
    response.content = body
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(body))
    if response.has_header("ETag"):
        response.headers["ETag"] = weak_etag(response.headers["ETag"])


class CompressionMiddleware:
    """gzip text responses for clients that accept it, unless they may hold a secret (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_compressible(response):
            return response
        patch_vary_headers(response, ["Accept-Encoding"])
        if accepts_gzip(request) and not holds_secret(request, response):
            encode(response, gzipped(response.content))
        return response
