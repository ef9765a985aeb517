"""The bundle's translation status of a record (docs/content-bundle.md), as qa.editorial.staleness stores it:

"translation_status": {"zh-hans": {"body": {"source": "<digest>", "revised": "2026-03-05T10:00:00+00:00"}}}
"""

import re

from django.utils.dateparse import parse_datetime

from qa.editorial.staleness import tracked_fields
from qa.languages import STORED_LANGUAGES

DIGEST = re.compile(r"[0-9a-f]{1,64}")


def _digest(value, path, problems):
    if not (isinstance(value, str) and DIGEST.fullmatch(value)):
        problems.add(path, "expected the digest of a source text (lowercase hexadecimal)")


def _moment(value, path, problems):
    from qa.interchange import schema  # which imports this module

    moment = parse_datetime(value) if isinstance(value, str) and len(value) <= 40 else None
    if moment is None or moment.tzinfo is None:
        problems.add(path, f"{schema.shown(value)} is not a date and time with its offset (2026-03-05T10:00:00+00:00)")


def translation_status(model):
    """The check of one model's status: {language: {tracked field: {"source": digest, "revised": date and time}}}."""
    from qa.interchange import schema  # which imports this module

    fields = tracked_fields(model)

    def check(value, path, problems):
        if not isinstance(value, dict):
            problems.add(path, 'expected an object such as {"zh-hans": {"body": {"source": ..., "revised": ...}}}')
            return
        entry = schema.record({"source": (True, _digest), "revised": (True, _moment)})
        for language, entries in value.items():
            language_path = schema.member(path, language)
            if language not in STORED_LANGUAGES or not isinstance(entries, dict):
                problems.add(language_path, f"expected an object under a language code ({', '.join(STORED_LANGUAGES)})")
                continue
            for field, item in entries.items():
                if field in fields:
                    entry(item, schema.member(language_path, field), problems)
                else:
                    problems.add(schema.member(language_path, field), f"not a tracked field ({', '.join(fields)})")

    return check
