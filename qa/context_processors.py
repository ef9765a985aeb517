from django.urls import translate_url

from .models import LANGUAGE_CODES


def site(request):
    """Default language alternates for pages whose address is the same in every language.

    The query string comes along, so switching language keeps a search or a chosen table order.
    """
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return {"alternates": [(code, translate_url(request.path, code) + query) for code in LANGUAGE_CODES]}
