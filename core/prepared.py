"""Read queries that Django compiles once per process, then runs with new values.

Django turns a QuerySet into SQL again on every evaluation. For the handful of queries behind
the pages a family opens all day (Today, the timeline, Progress) that compilation costs
several times the database's own work: a millisecond for a query SQLite answers in a tenth.
A ``Prepared`` query keeps the ORM definition, so the SQL is still Django's own for SQLite
and PostgreSQL alike, and compiles it the first time it runs; later runs only put in the
new values and convert the rows as Django would (aware datetimes, UUIDs, decimals, JSON).

    upcoming = Prepared(lambda patient, since: Occurrence.objects
                        .filter(patient=patient, due_at__gte=since).values_list("pk", "due_at"))
    rows = upcoming(patient=patient.pk, since=now)   # [(pk, due_at), …]

The function is called once with placeholders (``Param``) to compile; ``check()`` calls it with
real values and compares with the ORM's answer (every Prepared query has a test that does).
Only for values in filters: anything that changes the SQL text (a different LIMIT, the
active time zone in a Trunc) must not depend on the values.
"""

import datetime
import inspect
import uuid
from decimal import Decimal

from django.db import connections
from django.db.models import Expression, Field


class _Slot:
    """Stands in the compiled parameters for the value named ``name``."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


class Param(Expression):
    """A value given at run time."""

    def __init__(self, name):
        super().__init__(output_field=Field())
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Slot(self.name)]


def _prepare(value, connection):
    """The value as Django would pass it to this database for a comparison with a column."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, uuid.UUID):
        return value if connection.features.has_native_uuid_field else value.hex
    if isinstance(value, Decimal):
        return connection.ops.adapt_decimalfield_value(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"A prepared query takes plain values, not {type(value).__name__}")


class Prepared:
    """``paged=True``: the query takes ``limit`` and ``offset`` too (a slice would be compiled
    into the SQL text)."""

    def __init__(self, build, paged=False):
        self.build = build
        self.paged = paged
        self.names = list(inspect.signature(build).parameters)
        self._compiled = {}  # database alias -> (compiler, sql, params)

    def _compile(self, using):
        queryset = self.build(**{name: Param(name) for name in self.names})
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        if self.paged:
            sql += " LIMIT %s OFFSET %s"  # the same words in SQLite and PostgreSQL
            params = (*params, _Slot("limit"), _Slot("offset"))
        return compiler, sql, tuple(params)

    def __call__(self, using="default", **values):
        """The rows, as tuples in the order of the query's values_list()."""
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        compiler, sql, params = compiled
        connection = connections[using]
        arguments = [_prepare(values[p.name], connection) if isinstance(p, _Slot) else p for p in params]
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            rows = cursor.fetchall()
        return list(compiler.results_iter(results=[rows], tuple_expected=True))

    def check(self, using="default", **values):
        """(prepared rows, the ORM's rows) for the same values: tests compare them."""
        queryset = self.build(**{name: values[name] for name in self.names}).using(using)
        if self.paged:
            queryset = queryset[values["offset"]:values["offset"] + values["limit"]]
        return self(using=using, **values), [tuple(row) for row in queryset]


def instance(model, using="default", **values):
    """A model instance as if loaded with only these fields (the others deferred: read from
    the database only if something asks for them), for rows read by a Prepared query."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    if len(names) != len(values):
        raise TypeError(f"{model.__name__} has no field {set(values) - set(names)}")
    return model.from_db(using, names, [values[name] for name in names])
