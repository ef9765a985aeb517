"""Whole-page caching for anonymous readers.

Every cached page's key carries the site's *content generation*: a token in
the cache that is replaced by a new, never-used one once any write of Hub
content commits. An editor's change thus retires every page built before
it, on every host that shares the cache, without knowing which pages showed
what. A token is never reused: if the cache loses it (expiry, culling, a
flush), the next reader makes a fresh one, which retires everything cached
before. So nothing the cache forgets or keeps can bring an older page back.

A page is kept for ``PAGE_CACHE_SECONDS``, but never past the next scheduled
publication (``seconds_to_keep``): a page built before a question goes public
expires the moment it does, so readers see it without anyone clearing the cache.

The key also holds only the query parameters a page uses (``uses_query``):
``?junk=1`` is the same page, read from the same entry.

An entry is a plain tuple (status, headers, body, gzipped body), not a
pickled response: the page is compressed once, when it is kept, with every
header it was first answered with, and a hit builds a small response from
bytes (``stored_page``, ``page_from_store``) before any other middleware runs
(``PageCacheHitMiddleware``). Each process also keeps the entries it served
lately (``served_pages``).

Search results are kept by each process alone (``kept_in_process``,
``searched_pages``): every query is another address, so a flood of queries
pushes out only other searches, never the pages in the shared cache.
"""

import functools
import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path

from qa.content.memo import ContentMemo
from qa.models import Question
from qa.web.compression import accepts_gzip, encode, gzipped, has_session, holds_secret, is_compressible

GENERATION_KEY = "hub:content-generation"
NEXT_PUBLICATION_KEY = "hub:next-publication"
# What describes the bytes sent: the stored form chosen for a hit sets these, no 304 carries them.
BODY_HEADERS = {"content-type", "content-length", "content-encoding"}
# The request headers Django's get_conditional_response reads: without any, a hit is the page itself.
CONDITIONAL_HEADERS = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")


def entry_size(kept):
    _expires, (_status, _headers, body, compressed) = kept
    return len(body) + len(compressed or b"")


# The pages this process kept or read lately, under their keys, each as (expiry time, entry) as in the shared
# cache. A key holds the content generation, so a page kept here is exactly the one in the shared cache and an
# edit never finds it; the expiry ends it when a scheduled question goes public. A hit costs one cache read
# (the generation) instead of two.
served_pages = ContentMemo(budget=32_000_000, measure=entry_size)
# The pages of views marked ``kept_in_process`` (the search results), kept only here, the same way.
searched_pages = ContentMemo(budget=8_000_000, measure=entry_size)

logger = logging.getLogger(__name__)


def new_generation():
    """A token no earlier generation had: the clock in nanoseconds and a random part."""
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


def content_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY) or new_generation()
    return generation


def retire_cached_pages():
    """Retire every cached page now; False if the cache could not be reached.

    An unreachable cache must not undo the editor's save.
    """
    try:
        cache.set(GENERATION_KEY, new_generation(), timeout=None)
    except Exception:
        logger.exception("Could not clear the page cache; run `manage.py clear_page_cache` once it is back")
        return False
    return True


def content_changed(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """Signal receiver: retire every cached page once the write's transaction commits.

    Not before: a reader could otherwise cache the old rows under the new
    generation. Once per transaction however many rows it writes, and not at
    all for one that is rolled back (a dry run).
    """
    using = using or DEFAULT_DB_ALIAS
    pending = connections[using].run_on_commit
    if not any(callback is retire_cached_pages for _ids, callback, _robust in pending):
        transaction.on_commit(retire_cached_pages, using=using)


def next_publication():
    """The Unix time of the next scheduled publication, 0 for none: read before a page is rendered,
    so that nothing the page leaves out goes public before it expires.

    Remembered per content generation, since only a write, which starts a new generation, can
    schedule another; looked up again once passed.
    """
    key = f"{NEXT_PUBLICATION_KEY}:{content_generation()}"
    upcoming = cache.get(key)
    if upcoming is None or 0 < upcoming <= time.time():
        moment = Question.objects.next_publication()
        upcoming = moment.timestamp() if moment else 0
        cache.set(key, upcoming, settings.PAGE_CACHE_SECONDS)
    return upcoming


def seconds_to_keep(upcoming):
    """How long a page may be kept: ``PAGE_CACHE_SECONDS``, but not past ``upcoming`` (0: not at all)."""
    if not upcoming:
        return settings.PAGE_CACHE_SECONDS
    return max(0, min(settings.PAGE_CACHE_SECONDS, int(upcoming - time.time())))


def uses_query(*names):
    """View decorator: the query parameters the page depends on. Any other is
    ignored by the page, its cache key and its language switch."""

    def decorate(view):
        view.page_query_parameters = frozenset(names)
        return view

    return decorate


def cached_outside_languages(view):
    """View decorator: a public page outside the language prefixes (the sitemap), kept like the pages in them."""
    view.cached_outside_languages = True
    return view


def kept_in_process(view):
    """View decorator: a page each process keeps for readers in ``searched_pages``, never in the shared cache.

    The view's own ``Cache-Control`` (``never_cache``) still goes to browsers and proxies: the page is one
    entry per query, which no shared cache should hold.
    """
    view.kept_in_process = True
    return view


def resolved_view(request):
    """The view the request's address resolves to, or None."""
    match = getattr(request, "resolver_match", None)
    return match.func if match is not None else view_at(request.path_info)


@functools.lru_cache(maxsize=4096)
def view_at(path_info):
    """The view ``path_info`` resolves to, or None, resolved once per process: the URLconf does not change
    while it runs, and resolving through the language prefixes costs a hit more than the rest of it. At most
    4,096 addresses are kept, so made-up ones cannot grow it."""
    try:
        with translation.override(get_language_from_path(path_info)):
            return resolve(path_info).func
    except Resolver404:
        return None


@receiver(setting_changed)
def forget_resolved_views(**kwargs):
    """A changed setting (the URLconf, the languages: in tests) may resolve addresses otherwise."""
    view_at.cache_clear()


def is_kept_in_process(request):
    """Whether the page asked for is one of a ``kept_in_process`` view's (only asked with a query string, so
    that other pages are not resolved for it)."""
    return bool(request.META.get("QUERY_STRING")) and getattr(resolved_view(request), "kept_in_process", False)


def page_query(request):
    """The part of the query string the requested page uses, in a stable order ("" for none)."""
    if not request.META.get("QUERY_STRING") or not request.GET:
        return ""
    names = getattr(resolved_view(request), "page_query_parameters", ())
    pairs = sorted((name, value) for name in names for value in request.GET.getlist(name))
    return f"?{urlencode(pairs)}" if pairs else ""


def page_key(request, host, language):
    """The cache key of the page: the content generation, the language, and the address the page uses."""
    address = f"{request.scheme}://{host}{request.path}{page_query(request)}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"hub:page:v3:{content_generation()}:{language}:{digest}"


def is_public_request(request, language):
    """An anonymous GET or HEAD for a page in ``language``, the one its path names (or, for None, a page
    marked ``cached_outside_languages``), with no messages waiting.

    Decided before the session is read: a reader without a session cookie is
    anonymous. Readers never get one; editors do when they log in.
    """
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        # Pages read inside an uncommitted transaction may show rows that are
        # then rolled back (as every test case does).
        and not connection.in_atomic_block
        # Last, so that only an anonymous read outside the prefixes resolves its address here.
        and (language is not None or getattr(resolved_view(request), "cached_outside_languages", False))
    )


def is_shareable(request, response, in_process=False):
    """Whether the page may be kept: a whole 200 with no secret, and no ``Cache-Control`` of the view's own
    but for a ``kept_in_process`` page's."""
    return (
        response.status_code == 200
        and not response.streaming
        and (in_process or not response.has_header("Cache-Control"))
        and not holds_secret(request, response)
    )


def shared_cache_control():
    """Cache-Control of a public page: browsers ask again each time (a 304 from the page cache, by ETag);
    a shared cache (nginx proxy_cache, a CDN) may serve it for SHARED_CACHE_SECONDS, then revalidates it.

    So an unpublished or corrected question reaches readers at once from the
    Hub, and within SHARED_CACHE_SECONDS through a shared cache (0 turns it off).
    """
    return {"public": True, "max_age": 0, "s_maxage": settings.SHARED_CACHE_SECONDS, "must_revalidate": True}


def stored_page(response):
    """What the cache keeps of a shareable page: status, headers, the body and its gzip, compressed here once."""
    compressed = None
    if is_compressible(response):
        patch_vary_headers(response, ["Accept-Encoding"])
        compressed = gzipped(response.content)
    return (response.status_code, list(response.items()), response.content, compressed)


def page_from_store(entry, request):
    """The response for a kept page, gzipped if the client accepts it."""
    status, headers, body, compressed = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response.headers[name] = value
    if compressed is not None and accepts_gzip(request):
        encode(response, compressed)
    return response


def answer_from_store(entry, request):
    """A kept page as ``ConditionalGetMiddleware`` would answer it: 304 when the reader holds it (by ETag)."""
    response = page_from_store(entry, request)
    if not any(name in request.META for name in CONDITIONAL_HEADERS):
        return response
    not_modified = get_conditional_response(request, etag=response.get("ETag"), response=response)
    if not_modified is not response:
        for name, value in headers_beside(response.items(), not_modified.headers):
            not_modified.headers[name] = value
    return not_modified


def kept_page(key, in_process=False):
    """The entry kept under ``key`` and not yet expired, from this process or the shared cache (never, for
    a page ``in_process``), or None."""
    kept = (searched_pages if in_process else served_pages).lookup(key)
    if not in_process and (kept is None or kept[0] <= time.time()):
        kept = cache.get(key)
        if kept is not None:
            served_pages.keep(key, kept)
    return kept[1] if kept is not None and kept[0] > time.time() else None


def keep_page(key, kept, in_process=False):
    """Keep ``kept`` (expiry time, entry) under ``key``: in this process, and in the shared cache unless the
    page is ``in_process``."""
    if in_process:
        searched_pages.keep(key, kept)
        return
    served_pages.keep(key, kept)
    cache.set(key, kept, max(1, int(kept[0] - time.time())))


def headers_beside(headers, present):
    """Those of ``headers`` (name, value pairs) whose names are not among ``present``, but for the body's own."""
    left_out = {name.lower() for name in present} | BODY_HEADERS
    return [(name, value) for name, value in headers if name.lower() not in left_out]


def with_outer_headers(entry, response):
    """``entry`` with the headers the middleware outside the store set on ``response`` (security headers, the
    CSP), so that a hit answered before them carries them too. The body's own headers stay the entry's."""
    status, headers, body, compressed = entry
    added = headers_beside(response.items(), (name for name, _value in headers))
    return (status, headers + added, body, compressed)


class PageCacheHitMiddleware:
    """Answer a reader's request for a kept page before any other work: first in MIDDLEWARE but for
    ``ForwardedProtoMiddleware`` (the scheme is part of the key).

    An entry holds every header the page was first answered with, so a hit
    needs none of the middleware after this one. On a miss the request goes
    on to ``PublicPageCacheMiddleware``, which renders the page and builds its
    entry; this one adds the outer middleware's headers to it and keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = get_language_from_path(request.path)
        if not is_public_request(request, language):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            # Refused further in (CommonMiddleware), so the 400 page gets the security headers on its way out.
            return self.get_response(request)
        try:
            key = page_key(request, host, language)
            in_process = is_kept_in_process(request)
            entry = kept_page(key, in_process)
        except Exception:
            logger.exception("Page cache unreachable; serving without it")
            return self.get_response(request)
        if entry is not None:
            return answer_from_store(entry, request)
        request.page_cache_key, request.page_kept_in_process = key, in_process
        response = self.get_response(request)
        built = getattr(request, "page_cache_entry", None)
        if built is not None:
            expires, entry = built
            try:
                keep_page(key, (expires, with_outer_headers(entry, response)), in_process)
            except Exception:
                logger.exception("Page cache unreachable; page not kept")
        return response


class PublicPageCacheMiddleware:
    """Render a page ``PageCacheHitMiddleware`` did not find, and build its entry.

    It sits before the session and authentication middleware, as a reader's
    page is the same for everyone. Staff (who may preview drafts) bypass the
    cache and get responses that no browser or proxy keeps.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = getattr(request, "page_cache_key", None)
        if key is None:
            response = self.get_response(request)
            if has_session(request):
                patch_cache_control(response, private=True, no_cache=True, no_store=True)
            return response
        try:
            upcoming = next_publication()
        except Exception:
            logger.exception("Page cache unreachable; serving without it")
            return self.get_response(request)

        response = self.get_response(request)
        in_process = request.page_kept_in_process
        if not is_shareable(request, response, in_process):
            return response
        if not in_process:
            # What a reader sees depends on whether they are logged in.
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, **shared_cache_control())
            set_response_etag(response)
        entry = stored_page(response)
        seconds = seconds_to_keep(upcoming)
        if seconds:
            request.page_cache_entry = (time.time() + seconds, entry)
        return page_from_store(entry, request)
