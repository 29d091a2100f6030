"""Two small SQL expressions that keep the Progress page's aggregate queries fast on SQLite.

Django's TruncDate/TruncWeek with a tzinfo, and ``F("due_at") + timedelta``, are computed on
SQLite by Python functions called once per row (django_datetime_cast_date,
django_format_dtdelta). Over a year of turns that is thousands of Python calls per page,
most of the page's time. These expressions say the same thing in SQL each database runs
natively:

- ``LocalDate(field, zone, since, until)``: the patient-local date (or the Monday of its
  week). PostgreSQL: ``(field AT TIME ZONE zone)::date``. SQLite: ``date(field, '+N minutes')``,
  where N is the zone's UTC offset; the offset changes only at the zone's daylight-saving
  transitions, which are computed here for the queried period and become a CASE on the
  (UTC, text, hence ordered) stored value. Correct for any IANA zone, DST included
  (tests/test_sql.py checks it against TruncDate on both sides of the transitions).
- ``DoneWithin(done, due, minutes)``: ``done <= due + minutes``, natively (to the millisecond).

Any other database gets Django's own TruncDate/TruncWeek and F() arithmetic.
"""

from datetime import datetime, time, timedelta, timezone as dt_timezone
from functools import lru_cache

from django.db.models import BooleanField, DateField, F, Func, Q
from django.db.models.functions import TruncDate, TruncWeek

UTC = dt_timezone.utc


def offset_spans(zone, since, until):
    """[(start, offset in minutes)] covering since..until (aware datetimes), starts in UTC.

    The first span starts at midnight UTC of ``since``'s day; each next one at a change of
    the zone's UTC offset, found to the second by bisection between the weekly samples that
    differ (real zones never change twice within a week). Whole UTC days, so that the
    result is cached for every request of the day.
    """
    since, until = since.astimezone(UTC), until.astimezone(UTC)
    return list(_offset_spans(zone, since.date(), until.date()))


@lru_cache(maxsize=256)
def _offset_spans(zone, first_day, last_day):
    def offset(moment):
        return int(moment.astimezone(zone).utcoffset().total_seconds() // 60)

    since = datetime.combine(first_day, time(0), tzinfo=UTC)
    until = datetime.combine(last_day, time(0), tzinfo=UTC) + timedelta(days=1)
    spans = [(since, offset(since))]
    step = timedelta(days=7)
    moment = since
    while moment < until:
        following = min(moment + step, until)
        if offset(following) != spans[-1][1]:
            low, high = moment, following  # offset(low) is the old one, offset(high) the new
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if offset(middle) == spans[-1][1]:
                    low = middle
                else:
                    high = middle
            spans.append((high.replace(microsecond=0), offset(high)))
        moment = following
    return tuple(spans)


class LocalDate(Func):
    """The local date (``week=True``: the Monday of the local week) of a datetime column."""

    output_field = DateField()

    def __init__(self, expression, zone, since, until, week=False):
        super().__init__(F(expression) if isinstance(expression, str) else expression)
        self.zone, self.since, self.until, self.week = zone, since, until, week

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        spans = offset_spans(self.zone, self.since, self.until)
        if len(spans) == 1:
            shift, shift_params = "%s", [f"{spans[0][1]:+d} minutes"]
        else:
            whens = " ".join(f"WHEN {column} < %s THEN %s" for _ in spans[1:])
            shift = f"CASE {whens} ELSE %s END"
            shift_params = []
            for (_start, minutes), (next_start, _next) in zip(spans, spans[1:]):
                shift_params += [*params, next_start.strftime("%Y-%m-%d %H:%M:%S"), f"{minutes:+d} minutes"]
            shift_params.append(f"{spans[-1][1]:+d} minutes")
        sql = f"date({column}, {shift})"
        if self.week:
            sql = f"date({sql}, '-6 days', 'weekday 1')"  # back to the Monday (or stay on it)
        return sql, [*params, *shift_params]

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        local = f"({column} AT TIME ZONE %s)"
        sql = f"DATE_TRUNC('week', {local})::date" if self.week else f"{local}::date"
        return sql, [*params, self.zone.key]

    def as_sql(self, compiler, connection, **extra):
        trunc = (TruncWeek if self.week else TruncDate)(self.source_expressions[0], tzinfo=self.zone)
        return compiler.compile(trunc.resolve_expression(compiler.query))


class DoneWithin(Func):
    """True when ``done`` is no later than ``minutes`` after ``due``."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, done, due, minutes):
        super().__init__(F(done), F(due))
        self.done, self.due, self.minutes = done, due, int(minutes)

    def as_sqlite(self, compiler, connection, **extra):
        done, done_params = compiler.compile(self.source_expressions[0])
        due, due_params = compiler.compile(self.source_expressions[1])
        # The difference in milliseconds (julianday is native and cheap); a double near today's
        # Julian day is exact to well under a millisecond, so "exactly 30 minutes" stays on time.
        return (f"((julianday({done}) - julianday({due})) * 86400000.0 <= %s)",
                [*done_params, *due_params, self.minutes * 60000 + 0.5])

    def as_postgresql(self, compiler, connection, **extra):
        done, done_params = compiler.compile(self.source_expressions[0])
        due, due_params = compiler.compile(self.source_expressions[1])
        return f"({done} <= {due} + make_interval(mins => %s))", [*done_params, *due_params, self.minutes]

    def as_sql(self, compiler, connection, **extra):
        condition = Q(**{f"{self.done}__lte": F(self.due) + timedelta(minutes=self.minutes)})
        return compiler.compile(condition.resolve_expression(compiler.query))
