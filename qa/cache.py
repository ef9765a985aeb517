"""Whole-page caching for anonymous readers.

Every cached page's key carries the site's *content generation*, a number in
the cache that any save or delete of Knowledge Hub content increases: an
editor's change retires every page built before it, on every host that shares
the cache, without knowing which pages showed what.
"""

import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from django.utils.cache import patch_cache_control, set_response_etag

GENERATION_KEY = "hub:content-generation"


def content_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def bump_content_generation(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"hub:page:{content_generation()}:{translation.get_language()}:{digest}"


def is_public_request(request):
    """An anonymous GET or HEAD for a language-prefixed page, with no messages waiting."""
    language_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(language_prefixes)
        and not request.user.is_authenticated
        # Pages read inside an uncommitted transaction may show rows that are
        # then rolled back (as every test case does).
        and not connection.in_atomic_block
        and not len(get_messages(request))
    )


def is_shareable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
        and not len(get_messages(request))
    )


class PublicPageCacheMiddleware:
    """Serve anonymous readers a page rendered once per language and content generation.

    Staff (who may preview drafts) and every non-GET request bypass it and
    get responses that no browser or proxy keeps.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            response = self.get_response(request)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True, no_store=True)
            return response

        key = page_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached

        response = self.get_response(request)
        if is_shareable(request, response):
            set_response_etag(response)
            patch_cache_control(response, public=True, no_cache=True)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
