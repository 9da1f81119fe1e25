"""Inserting many new rows of one model for a fraction of ``QuerySet.bulk_create``'s CPU.

``bulk_insert(objects)`` writes the rows ``bulk_create`` writes — the same columns and values, the
fields' ``pre_save`` (``auto_now``, ``auto_now_add``) applied, the primary keys read back and set on
the objects — for the bulk import and the search index's batches, where Django's per-value
preparation (``pre_save``, ``get_db_prep_save`` and the compiler's checks: about ninety calls per
catalogue item) cost more than the database's own work. Here each field is classified once per
model: None, any ``str`` of a text field (choices enums included) and an exact ``int`` or ``bool``
of an integer or boolean field go straight into the parameters, as Django would pass them; a
``date`` of a date field is adapted by the backend's ``adapt_datefield_value`` (what
``DateField.get_db_prep_value`` does); every other value (datetimes, JSON, custom fields) goes
through the field's ``get_db_prep_save`` as in Django.

Preconditions (what the callers guarantee, checked where cheap): the objects are new, of one
concrete model without multi-table inheritance, and their foreign keys are set by id or to saved
objects (assigning a saved object sets the id). Rows are written in list order: on PostgreSQL by
``COPY``, the new keys taken from the table's sequence beforehand; on SQLite by multi-row
``INSERT … RETURNING``, or ``executemany`` when no key is read back (``returning=False``);
``ignore_conflicts=True`` skips rows a unique constraint refuses, as ``bulk_create``'s option.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from functools import cache

from django.db import connections, models
from django.db.models.constants import OnConflict

# Field classes whose ``get_db_prep_save`` returns a value of these exact types unchanged (text
# fields any ``str``, choices enums included: ``CharField.to_python`` returns them as they are).
_TEXT_FIELDS = (models.CharField, models.TextField)
_PLAIN_TYPES: dict[type, tuple[type, ...]] = {
    models.CharField: (str,),
    models.TextField: (str,),
    models.BooleanField: (bool,),
    **dict.fromkeys(
        (
            models.AutoField,
            models.BigAutoField,
            models.SmallAutoField,
            models.IntegerField,
            models.BigIntegerField,
            models.SmallIntegerField,
            models.PositiveIntegerField,
            models.PositiveBigIntegerField,
            models.PositiveSmallIntegerField,
        ),
        (int,),
    ),
}
ROWS_PER_STATEMENT = 500


def _plain(field) -> tuple[type, ...]:
    if field.is_relation:
        field = field.target_field
    return _PLAIN_TYPES.get(type(field), ())


@cache
def _columns(model, with_pk: bool) -> tuple[tuple, ...]:
    """(field, attname, plain types, any str?, a plain date field?, own pre_save?) per column."""
    opts = model._meta
    if opts.parents:
        raise TypeError(f"bulk_insert: {model.__name__} inherits a concrete model")
    columns = []
    for field in opts.concrete_fields:
        if field is opts.pk and not with_pk:
            continue
        if getattr(field, "generated", False) or hasattr(field, "get_placeholder"):
            raise TypeError(f"bulk_insert: {model.__name__}.{field.name} needs Django's bulk_create")
        own_pre_save = type(field).pre_save is not models.Field.pre_save
        columns.append(
            (
                field,
                field.attname,
                _plain(field),
                type(field) in _TEXT_FIELDS,
                type(field) is models.DateField,
                own_pre_save,
            )
        )
    return tuple(columns)


def _max_parameters(connection) -> int:
    """Parameters one statement may bind: SQLite's real limit (Django assumes 999)."""
    connection.ensure_connection()
    getlimit = getattr(connection.connection, "getlimit", None)
    return getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if getlimit else connection.features.max_query_params or 999


def _reserve_keys(connection, cursor, opts, count: int) -> list:
    """``count`` new primary keys from the table's sequence (PostgreSQL), ascending."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [opts.db_table, opts.pk.column, count],
    )
    return sorted(key for (key,) in cursor.fetchall())


def _rows(objects: list, columns: tuple, connection) -> list[list]:
    adapt_date = connection.ops.adapt_datefield_value
    rows = []
    for obj in objects:
        row = []
        for field, attname, plain, text, date, own_pre_save in columns:
            value = field.pre_save(obj, True) if own_pre_save else getattr(obj, attname)
            if value is None or type(value) in plain or (text and isinstance(value, str)):
                pass
            elif date and type(value) is dt.date:  # DateField.get_db_prep_value's own steps
                value = adapt_date(value)
            else:
                value = field.get_db_prep_save(value, connection=connection)
            row.append(value)
        rows.append(row)
    return rows


def bulk_insert(
    objects: list, *, returning: bool = True, ignore_conflicts: bool = False, using: str = "default"
) -> list:
    """Insert ``objects`` (new instances of one model); their primary keys are set unless
    ``returning`` is False, ``ignore_conflicts`` is True, or they were given. Returns ``objects``."""
    if not objects:
        return objects
    model = type(objects[0])
    opts, connection = model._meta, connections[using]
    with_pk = objects[0].pk is not None
    if any(type(obj) is not model or (obj.pk is not None) != with_pk for obj in objects):
        raise TypeError("bulk_insert: objects of one model, all with or all without a primary key")
    read_back = returning and not with_pk and not ignore_conflicts
    quote = connection.ops.quote_name
    table = quote(opts.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not ignore_conflicts:
            # COPY: a multi-row INSERT of 500 items has ~18,000 placeholders, which psycopg's
            # client-side binding parses anew for every statement (measured: more CPU than the rest
            # of the batch's inserts). The keys come from the sequence first, as INSERT takes them.
            if read_back:
                for obj, key in zip(objects, _reserve_keys(connection, cursor, opts, len(objects)), strict=True):
                    obj.pk = key
            columns = _columns(model, with_pk or read_back)
            names = ", ".join(quote(field.column) for field, *_ in columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in _rows(objects, columns, connection):
                    copy.write_row(row)
        else:
            columns = _columns(model, with_pk)
            names = ", ".join(quote(field.column) for field, *_ in columns)
            one_row = f"({', '.join(['%s'] * len(columns))})"
            rows = _rows(objects, columns, connection)
            if not read_back:
                conflict = OnConflict.IGNORE if ignore_conflicts else None
                insert = connection.ops.insert_statement(on_conflict=conflict)
                suffix = connection.ops.on_conflict_suffix_sql([], conflict, None, None) if conflict else ""
                cursor.executemany(f"{insert} {table} ({names}) VALUES {one_row} {suffix}", rows)
            else:  # multi-row INSERT … RETURNING (SQLite), as bulk_create, with as many rows as fit
                step = max(1, min(ROWS_PER_STATEMENT, _max_parameters(connection) // max(1, len(columns))))
                pk = quote(opts.pk.column)
                for start in range(0, len(rows), step):
                    chunk = rows[start : start + step]
                    cursor.execute(
                        f"INSERT INTO {table} ({names}) VALUES {', '.join([one_row] * len(chunk))} "  # noqa: S608
                        f"RETURNING {pk}",
                        [value for row in chunk for value in row],
                    )
                    for obj, (key,) in zip(objects[start : start + step], cursor.fetchall(), strict=True):
                        obj.pk = key
    for obj in objects:
        obj._state.adding = False
        obj._state.db = using
    return objects
