"""Two helpers for the few queries written as SQL around the ORM's own (counts per school
over large tables, where one statement beats several)."""

from django.core.exceptions import EmptyResultSet
from django.db import connection


def nested_sql(queryset):
    """The SQL of `queryset` to nest in a bigger query; None when it can match nothing."""
    try:
        return queryset.query.sql_with_params()
    except EmptyResultSet:
        return None


def fetch_rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
