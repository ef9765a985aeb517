"""The language layer: the Hub's languages, a translated field in one of them, and what is Chinese.

Every module asks here, so each rule is written once:

- ``LANGUAGE_CODES`` every language the site shows; ``STORED_LANGUAGES`` those editors write
  (English and Simplified Chinese). Traditional Chinese (``zh-hant``) is never stored: its text is
  the Simplified text converted by OpenCC when it is shown (``source_language``, ``in_script``);
- ``localized_name("title", "zh-hans")`` is the model field holding that language ("title_zh_hans");
- ``field_in(obj, "title", "zh-hans")`` its stored value, without fallback;
- ``value_in(obj, "title", "zh-hans")`` the value a reader of that language is shown, and the
  language it is in: theirs where there is text, else the first language that has some;
- ``field_label(model_field)`` a field's name for editors, with the language of a translation
  ("Chinese title", 中文标题);
- ``CJK`` the character class of Chinese (and other CJK) script, ``is_chinese(text)``;
  ``is_chinese_language(code)``; ``language_tag(code)`` its BCP 47 tag (``zh-Hant``);
- ``to_simplified(text)``, the one script search indexes and queries are kept in.
"""

import re
from functools import lru_cache

import opencc
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import pgettext, pgettext_lazy
from modeltranslation.fields import TranslationField
from modeltranslation.utils import build_localized_fieldname

from qa.content.memo import ContentMemo

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
STORED_LANGUAGES = list(settings.MODELTRANSLATION_LANGUAGES)
STORED_LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES if code in STORED_LANGUAGES]

# A language shown by converting another's text: Traditional Chinese from Simplified. OpenCC's
# s2tw converts phrase by phrase (发 is 發 or 髮 by its word) into Taiwan's standard character forms
# (為, not 爲) and keeps the mainland vocabulary of the original (信息, not 資訊): the text stays
# CIKD's, only its script changes.
CONVERTED_LANGUAGES = {"zh-hant": "zh-hans"}
_TRADITIONAL = "s2tw"
# Queries and indexed text: Taiwan and Hong Kong character forms both back to Simplified.
_SIMPLIFIED = ("tw2s", "hk2s")

# Han ideographs (with extension A, the compatibility block and the supplementary planes), kana
# and hangul: the scripts written without spaces between words. Punctuation is not in it.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_CHARACTER = re.compile(f"[{CJK}]")


def source_language(language):
    """The stored language whose text a language shows: zh-hans for zh-hant, else itself."""
    return CONVERTED_LANGUAGES.get(language, language)


@lru_cache(maxsize=4)
def _converter(config):
    return opencc.OpenCC(config)


# Traditional Chinese quotes with corner brackets: “对口支援” is 「對口支援」.
_TRADITIONAL_QUOTES = str.maketrans({"“": "「", "”": "」"})


# Each distinct text converted once per process (OpenCC takes about a quarter of a second over a 2 MB paper),
# the results bounded by their characters: 8 million, some 16-32 MB, whatever the texts' number or length.
converted = ContentMemo(budget=8_000_000)


def _to_traditional(text):
    return converted.get(_convert_to_traditional, text)


def _convert_to_traditional(text):
    return _converter(_TRADITIONAL).convert(text).translate(_TRADITIONAL_QUOTES)


def in_script(text, language):
    """Stored text as a reader of ``language`` reads it: converted to Traditional for zh-hant."""
    if language in CONVERTED_LANGUAGES and text:
        return _to_traditional(text)
    return text


def to_simplified(text):
    """Text with every Traditional character form made Simplified (search keeps one script)."""
    for config in _SIMPLIFIED:
        text = _converter(config).convert(text)
    return text


def text_languages(language):
    """The languages of the texts a page in ``language`` offers: the stored ones, in the reader's script."""
    return [language if code == source_language(language) else code for code in STORED_LANGUAGES]


def other_languages(language):
    """The text languages other than the reader's: on a Traditional page, English only."""
    return [code for code in text_languages(language) if code != language]


def localized_name(field, language):
    """The model field holding ``field`` in a language (a converted language reads its source's)."""
    return build_localized_fieldname(field, source_language(language))


def field_in(obj, field, language):
    """The value of a translated field in one language, without fallback ("" when empty)."""
    return in_script(getattr(obj, localized_name(field, language)) or "", language)


def has_text(obj, field, language):
    """Whether a translated field holds text in a language, never converting it (conversion empties nothing).

    Where a query left the column unread and read its first characters as ``head_of_<column>`` instead
    (``QuestionQuerySet.with_body_heads``), those answer for it.
    """
    name = localized_name(field, language)
    loaded = vars(obj)
    if name not in loaded and f"head_of_{name}" in loaded:
        return bool(loaded[f"head_of_{name}"])
    return bool(getattr(obj, name))


def value_in(obj, field, language):
    """(value, language it is in) for a reader of ``language``: theirs, else the first language with text."""
    for code in [language, *other_languages(language)]:
        value = field_in(obj, field, code)
        if value:
            return value, code
    return "", language


def is_chinese(text):
    """Whether the text holds any Chinese (CJK) character."""
    return bool(_CJK_CHARACTER.search(text or ""))


def is_chinese_language(language):
    return language.startswith("zh")


def language_tag(language):
    """The BCP 47 tag of a language code, for lang and hreflang: zh-hant is zh-Hant."""
    base, _sep, script = language.partition("-")
    return f"{base}-{script.title()}" if len(script) == 4 else language


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
