"""The language layer: the Hub's languages, a translated field in one of them, and what is Chinese.

Every module asks here, so each rule is written once:

- ``localized_name("title", "zh-hans")`` is the model field holding that language ("title_zh_hans");
- ``field_in(obj, "title", "zh-hans")`` its stored value, without fallback;
- ``value_in(obj, "title", "zh-hans")`` the value a reader of that language is shown, and the
  language it is in: theirs where there is text, else the first language that has some;
- ``field_label(model_field)`` a field's name for editors, with the language of a translation
  ("Chinese title", 中文标题);
- ``CJK`` the character class of Chinese (and other CJK) script, ``is_chinese(text)``.
"""

import re

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import pgettext, pgettext_lazy
from modeltranslation.fields import TranslationField
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# Han ideographs (with extension A, the compatibility block and the supplementary planes), kana
# and hangul: the scripts written without spaces between words. Punctuation is not in it.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_CHARACTER = re.compile(f"[{CJK}]")


def localized_name(field, language):
    return build_localized_fieldname(field, language)


def field_in(obj, field, language):
    """The stored value of a translated field in one language, without fallback ("" when empty)."""
    return getattr(obj, localized_name(field, language)) or ""


def value_in(obj, field, language):
    """(value, language it is in) for a reader of ``language``: theirs, else the first language with text."""
    for code in [language, *(code for code in LANGUAGE_CODES if code != language)]:
        value = field_in(obj, field, code)
        if value:
            return value, code
    return "", language


def is_chinese(text):
    """Whether the text holds any Chinese (CJK) character."""
    return bool(_CJK_CHARACTER.search(text or ""))


# The language of a text, as it qualifies a field's name: "Chinese title", 中文标题.
TEXT_LANGUAGES = {
    "en": pgettext_lazy("language of a text", "English"),
    "zh-hans": pgettext_lazy("language of a text", "Chinese"),
}


def field_label(field):
    """A field's name in the active language, with the language of a translation ("Chinese title")."""
    if isinstance(field, TranslationField):
        language = TEXT_LANGUAGES.get(field.language, field.language)
        return capfirst(
            pgettext("a field in one language", "%(language)s %(field)s")
            % {"language": language, "field": field.translated_field.verbose_name}
        )
    return capfirst(field.verbose_name)
