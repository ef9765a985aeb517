"""``in`` on an integer field leaves out values the column cannot hold, as Django's comparisons do.

Django answers ``exact``, ``gt`` and the other comparisons with a number out
of the column's range as matching nothing (or everything), but passes such a
number on in ``in``, where SQLite raises OverflowError: the admin's list of
any model answered ``?id__in=99999999999999999999`` with a server error. And
a value that is no number at all raises ValueError: every admin's actions
answered a hand-made ``_selected_action=abc`` with one. No row holds such a
value, so it is left out of the list, as Django leaves out None; a list of
nothing else matches no row.
"""

import copy

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


def holds(connection, field, value):
    """Whether a column of ``field`` can hold ``value`` (anything not an integer is the database's to judge)."""
    if not isinstance(value, int):
        return True
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is None or value >= low) and (high is None or value <= high)


def is_number_for(field, value):
    """Whether ``field`` takes ``value`` as a number (an expression is the database's to judge)."""
    if hasattr(value, "resolve_expression"):
        return True
    try:
        field.get_prep_value(value)
    except (TypeError, ValueError):
        return False
    return True


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def get_prep_lookup(self):
        if isinstance(self.rhs, (list, tuple, set, frozenset)):
            self.rhs = [value for value in self.rhs if is_number_for(self.lhs.output_field, value)]
        return super().get_prep_lookup()

    def process_rhs(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return super().process_rhs(compiler, connection)
        values = [value for value in self.rhs if holds(connection, self.lhs.output_field, value)]
        if not values:
            raise EmptyResultSet
        bounded = copy.copy(self)
        bounded.rhs = values
        return In.process_rhs(bounded, compiler, connection)
