"""A translated field's translation status as stored, for the translation-status tests: ``status(obj, "body")``
is "current", "outdated" or "missing" for its Chinese translation (or the ``language`` given)."""

from qa.editorial import staleness


def status(obj, field, language="zh-hans"):
    obj.refresh_from_db()
    return staleness.field_status(obj, field, language)
