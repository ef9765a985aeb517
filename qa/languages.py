"""The language layer: which languages the Hub has, and a translated field's value in one of them."""

from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def field_in(obj, field, language):
    """The stored value of a translated field in one language, without fallback."""
    return getattr(obj, f"{field}_{language.replace('-', '_')}") or ""
