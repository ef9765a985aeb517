from django.urls import translate_url

from qa.languages import LANGUAGE_CODES
from qa.web.cache import page_query


def site(request):
    """Default language alternates for pages whose address is the same in every language.

    The query parameters the page uses come along, so switching language keeps
    a chosen table order; any other parameter is left behind.
    """
    query = page_query(request)
    return {"alternates": [(code, translate_url(request.path, code) + query) for code in LANGUAGE_CODES]}
