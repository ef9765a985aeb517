"""The numbers and dates every database the Hub runs on can store, as the fields' own validators.

SQLite stores any integer and any year, PostgreSQL refuses what its
``smallint`` or ``integer`` column cannot hold, and a content bundle (written
by ``export_content``, read by ``import_content``) holds a date as YYYY-MM-DD.
Without these bounds the admin on SQLite saved values a bundle then refused
(a position of 99999, a question number 0, year 1) and a time in the first
hours of year 1, Beijing time, fell before year 1 in UTC: an OverflowError, a
500, when the database was sent it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1000, 9999


def column_range(internal_type, minimum=None):
    """Validators for an integer field of ``internal_type`` ("PositiveSmallIntegerField"): the range PostgreSQL's
    column holds, from ``minimum`` when the field's meaning starts higher (a question number starts at 1)."""
    lowest, highest = BaseDatabaseOperations.integer_field_ranges[internal_type]
    return [MinValueValidator(lowest if minimum is None else minimum), MaxValueValidator(highest)]


def _years(value):
    yield value.year
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        yield value.astimezone(datetime.UTC).year  # OverflowError past year 1 or 9999


def validate_year(value):
    """A date, or a time also in UTC, in a year of four digits."""
    try:
        in_range = all(FIRST_YEAR <= year <= LAST_YEAR for year in _years(value))
    except OverflowError:
        in_range = False
    if not in_range:
        raise ValidationError(
            _("Enter a date from the year %(first)s to the year %(last)s."),
            code="year",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
