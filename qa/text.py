"""Text hygiene: the one rule for what text the Hub stores, used by every writer.

Every text the Hub keeps has ``\\n`` line endings (browsers send ``\\r\\n`` from
a textarea; a history must not record that as a change) and no character that
XML, PostgreSQL or a reader cannot use: C0 and C1 control characters other
than newline and tab, NUL, lone surrogates and the non-characters U+FFFE and
U+FFFF. Such text is refused with a message naming the character, never
stored and never silently altered.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Lengths a question's fields may have: long enough for any real Q&A, short
# enough that one pasted file cannot make every page or search slow.
TITLE_MAX_LENGTH = 500
SUMMARY_MAX_LENGTH = 2000
BODY_MAX_BYTES = 200 * 1000
# A description, a biography or a pairing's note: a few paragraphs of plain text.
NOTE_MAX_LENGTH = 5000


def normalize_newlines(value):
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; anything but a string is returned as it is."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def forbidden_character(value):
    """The first character the Hub refuses to store, as (position, "U+000B"), or None."""
    match = FORBIDDEN.search(value) if isinstance(value, str) else None
    if match is None:
        return None
    return match.start(), f"U+{ord(match.group()):04X}"


def text_problem(value):
    """Why ``value`` cannot be stored (a message in the active language), or None."""
    found = forbidden_character(value)
    if found is None:
        return None
    position, code = found
    return _(
        "contains the invisible character %(code)s (at character %(position)s); "
        "remove it, or paste the text again as plain text"
    ) % {"code": code, "position": position + 1}


def validate_clean_text(value):
    problem = text_problem(value)
    if problem is not None:
        raise ValidationError(problem, code="forbidden_character")


def byte_size_display(size, beside=None):
    """``size`` bytes as an editor reads it ("240 KB", "2.5 MB"); exact when rounding would make it look the same
    as ``beside``, the limit it is over ("200,001 bytes", not "200 KB" over a limit of 200 KB)."""
    if size >= 1000 * 1000:
        shown = _("%(size)s MB") % {"size": f"{size / 1000 / 1000:.1f}"}
    else:
        shown = _("%(size)s KB") % {"size": f"{size / 1000:.0f}"}
    if beside is not None and shown == byte_size_display(beside):
        return ngettext_lazy("%(shown)s byte", "%(shown)s bytes", "count") % {"count": size, "shown": f"{size:,}"}
    return shown


@deconstructible
class MaxBytesValidator:
    """Refuse text whose UTF-8 form is over ``limit`` bytes (Chinese takes three a character)."""

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, value):
        size = len(value.encode("utf-8", "surrogatepass"))
        if size > self.limit:
            raise ValidationError(
                _("is too long: keep it under %(limit)s (it is %(size)s)"),
                code="too_long",
                params={"limit": byte_size_display(self.limit), "size": byte_size_display(size, beside=self.limit)},
            )

    def __eq__(self, other):
        return isinstance(other, MaxBytesValidator) and other.limit == self.limit


def length_problem(value, max_length):
    """Why ``value`` is too long for a field of ``max_length`` characters, or None."""
    if max_length and len(value) > max_length:
        return ngettext_lazy(
            "is too long: at most %(limit)d character (it has %(length)d)",
            "is too long: at most %(limit)d characters (it has %(length)d)",
            "limit",
        ) % {"limit": max_length, "length": len(value)}
    return None


def checking_clean_text(formfield):
    """``formfield``, a CharField, checking this module's rule in place of Django's own NUL check.

    Django gives every CharField a check that refuses a NUL before any other,
    with a message naming no character ("Null characters are not allowed.",
    and in its Chinese 不允许是用空字符串, "an empty string"). The rule here
    refuses a NUL too, and names it and where it is.
    """
    if isinstance(formfield, forms.CharField):
        kept = [check for check in formfield.validators if not isinstance(check, ProhibitNullCharactersValidator)]
        formfield.validators = kept if validate_clean_text in kept else [*kept, validate_clean_text]
    return formfield


class TextareaField(forms.CharField):
    """A form field for a textarea: ``\\r\\n`` is ``\\n`` before comparing or saving,
    so an untouched text is never seen as changed."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        checking_clean_text(self)

    def to_python(self, value):
        return super().to_python(normalize_newlines(value))


def clean_stored_text(sender, instance, **kwargs):
    """pre_save: store every text with ``\\n`` line endings, and refuse what no reader can use.

    The last guard for writers that skip form and bundle validation (the shell,
    scripts): they get a ValidationError naming the field instead of a row
    that breaks the feeds or a PostgreSQL import.
    """
    from django.db import models

    # modeltranslation adds each language's field after the original one: reversed,
    # an error names the field in its language (summary_zh_hans), not the original.
    for field in reversed(instance._meta.concrete_fields):
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        value = getattr(instance, field.attname)
        cleaned = normalize_newlines(value)
        if cleaned is not value:
            setattr(instance, field.attname, cleaned)
        problem = text_problem(cleaned)
        if problem is not None:
            raise ValidationError({field.name: problem})
