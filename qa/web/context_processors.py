from django.urls import translate_url

from qa.languages import LANGUAGE_CODES, STORED_LANGUAGES, localized_name
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
    """The pages linked in the footer: a QuerySet, so one query when a template shows them and none
    where none does (the admin, the 503 page)."""
    bodies = ["body", *(localized_name("body", code) for code in STORED_LANGUAGES)]
    return {"footer_pages": Page.objects.defer(*bodies).order_by("position", "slug")}
