"""The Traditional Chinese catalogues, made from the Simplified ones when the site is built.

Translators keep one Chinese catalogue, ``zh_Hans``. ``make messages`` writes each ``zh_Hant``
catalogue from it: every translation converted by OpenCC (as page text is, see qa.languages), then
the hand corrections in ``locale/zh_Hant-corrections.txt`` applied, for the few words conversion
gets wrong. The ``zh_Hant`` files are generated, never edited and never committed.
"""

import re
from pathlib import Path

from django.conf import settings

from qa.languages import in_script

CORRECTIONS = Path(settings.BASE_DIR) / "locale" / "zh_Hant-corrections.txt"
_MSGSTR = re.compile(r'^msgstr(\[\d+\])? "')
_CONTINUATION = re.compile(r'^"')
HEADER_CHANGES = {
    '"Language: zh_Hans\\n"': '"Language: zh_Hant\\n"',
    '"Language-Team: Simplified Chinese\\n"': '"Language-Team: Traditional Chinese (converted from zh_Hans)\\n"',
}


def corrections(path=CORRECTIONS):
    """[(converted, correct)] from lines "converted → correct"; # starts a comment."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            wrong, right = (part.strip() for part in line.split("→"))
            pairs.append((wrong, right))
    return pairs


def to_traditional(text, fixes):
    text = in_script(text, "zh-hant")
    for wrong, right in fixes:
        text = text.replace(wrong, right)
    return text


def convert_catalogue(source, fixes):
    """The text of a zh_Hant .po file from a zh_Hans one: msgids and comments as they are, each
    msgstr (and its continuation lines) converted."""
    lines, in_msgstr = [], False
    for line in source.splitlines():
        if _MSGSTR.match(line):
            in_msgstr = True
        elif not _CONTINUATION.match(line):
            in_msgstr = False
        if in_msgstr:
            line = HEADER_CHANGES.get(line) or to_traditional(line, fixes)
        lines.append(line)
    header = "# Generated from zh_Hans by `manage.py convert_catalogues` (make messages): do not edit.\n"
    return header + "\n".join(lines) + "\n"


def simplified_catalogues():
    """(zh_Hans, zh_Hant) paths of each catalogue: the django domain, and djangojs (the admin's JavaScript)."""
    for locale_path in settings.LOCALE_PATHS:
        for domain in ("django", "djangojs"):
            source = Path(locale_path) / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
            if source.exists():
                yield source, Path(locale_path) / "zh_Hant" / "LC_MESSAGES" / f"{domain}.po"


def write_traditional_catalogues():
    """Write every zh_Hant catalogue; return the paths written."""
    fixes = corrections()
    written = []
    for source, target in simplified_catalogues():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(convert_catalogue(source.read_text(encoding="utf-8"), fixes), encoding="utf-8")
        written.append(target)
    return written
