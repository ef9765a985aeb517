from django.conf import settings
from django.urls import translate_url


def site(request):
    """Default language alternates for pages whose address is the same in every language."""
    return {
        "alternates": [(code, translate_url(request.path, code)) for code, _name in settings.LANGUAGES],
    }
