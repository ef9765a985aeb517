from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from qa.languages import LANGUAGE_CODES, localized_name
from qa.models import Page
from qa.web.cache import page_query


def site(request):
    """Default language alternates for pages whose address is the same in every language.

    The query parameters the page uses come along, so switching language keeps
    a chosen table order; any other parameter is left behind.
    """
    query = page_query(request)
    return {"alternates": [(code, translate_url(request.path, code) + query) for code in LANGUAGE_CODES]}


def footer_pages(request):
    """The pages linked in the footer, in one query, made only when a template shows them (the admin and
    the 503 page do not)."""
    bodies = ["body", *(localized_name("body", code) for code in LANGUAGE_CODES)]
    return {"footer_pages": SimpleLazyObject(lambda: list(Page.objects.defer(*bodies).order_by("position", "slug")))}
