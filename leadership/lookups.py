"""An id no integer column can hold matches no row, instead of failing the request.

Django answers `exact`, `gt`, `lt` and the like on an IntegerField with no rows when the
number is out of the column's range, but not `in`, nor `exact` and `in` through a foreign
key (`program_id=...`): those it sends to the database, and SQLite cannot even bind such a
number (OverflowError). A hostile id in a form field or a query string became a 500.
leadership/apps.py registers these lookups in place of Django's.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _in_range(lookup, connection, value):
    field = lookup.lhs.output_field
    target = getattr(field, "target_field", field)
    if not isinstance(target, IntegerField) or not isinstance(value, int):
        return True
    low, high = connection.ops.integer_field_range(target.get_internal_type())
    return (low is None or value >= low) and (high is None or value <= high)


class InRange:
    """Out-of-range numbers leave the lookup: none left, no row can match."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            if isinstance(self.rhs, list | tuple | set | frozenset):
                self.rhs = [value for value in self.rhs if _in_range(self, connection, value)]
                if not self.rhs:
                    raise EmptyResultSet
            elif not _in_range(self, connection, self.rhs):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class IntegerIn(InRange, In):
    pass


class RelatedIntegerExact(InRange, RelatedExact):
    pass


class RelatedIntegerIn(InRange, RelatedIn):
    pass


def register():
    IntegerField.register_lookup(IntegerIn)
    ForeignObject.register_lookup(RelatedIntegerExact)
    ForeignObject.register_lookup(RelatedIntegerIn)
