"""Whole-page caching for anonymous readers.

Every cached page's key carries the site's *content generation*, a number in
the cache that any save or delete of Knowledge Hub content increases: an
editor's change retires every page built before it, on every host that shares
the cache, without knowing which pages showed what.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.translation import get_language_from_path

GENERATION_KEY = "hub:content-generation"

logger = logging.getLogger(__name__)


def content_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def bump_content_generation(**kwargs):
    """Retire every cached page. An unreachable cache must not undo the editor's save."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, 2, timeout=None)
    except Exception:
        logger.exception("Could not clear the page cache; run `manage.py clear_page_cache` once it is back")


def page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"hub:page:{content_generation()}:{get_language_from_path(request.path)}:{digest}"


def is_public_request(request):
    """An anonymous GET or HEAD for a language-prefixed page, with no messages waiting.

    Decided before the session is read: a reader without a session cookie is
    anonymous. Readers never get one; editors do when they log in.
    """
    return (
        request.method in ("GET", "HEAD")
        and get_language_from_path(request.path) is not None
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        # Pages read inside an uncommitted transaction may show rows that are
        # then rolled back (as every test case does).
        and not connection.in_atomic_block
    )


def is_shareable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not request.user.is_authenticated
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class PublicPageCacheMiddleware:
    """Serve anonymous readers a page rendered once per address and content generation.

    It sits before the session and authentication middleware so a cached page
    costs two cache reads. Staff (who may preview drafts) bypass it and get
    responses that no browser or proxy keeps.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True, no_store=True)
            return response

        try:
            key = page_key(request)
            cached = cache.get(key)
        except Exception:
            logger.exception("Page cache unreachable; serving without it")
            return self.get_response(request)
        if cached is not None:
            return cached

        response = self.get_response(request)
        if is_shareable(request, response):
            # What a reader sees depends on whether they are logged in.
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, public=True, no_cache=True)
            set_response_etag(response)
            try:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.exception("Page cache unreachable; page not kept")
        return response
