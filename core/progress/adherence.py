"""Turning adherence: the share of scheduled turns done on time, per day (or week).

The rule, shown on the Progress page as well:
- a scheduled turn is a repositioning reminder (an Occurrence of kind "repositioning");
- it was done on time when it was marked done no later than ON_TIME_GRACE after it was
  due (done early counts as on time);
- a skipped or missed turn counts as scheduled but not done on time;
- a turn still inside its grace period is not counted yet, unless it is already done,
  and turns due in the future are never counted;
- days (and weeks, which start on Monday) are those of the patient's time zone.

One aggregate query whatever the length of the history: the database groups the rows by
local day or week (core/progress/sql.py: what TruncDate/TruncWeek with the patient's tzinfo
compute, in SQL that SQLite and PostgreSQL run natively).
"""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone as dt_timezone
from functools import lru_cache

from django.db.models import Count, Q

from core.prepared import Prepared
from core.reminders.models import Kind, Occurrence

from .sql import DoneWithin, LocalDate

ON_TIME_GRACE = timedelta(minutes=30)


@dataclass(frozen=True)
class Adherence:
    day: date         # the day, or the Monday of the week
    scheduled: int
    on_time: int

    @property
    def percent(self):
        return round(100 * self.on_time / self.scheduled) if self.scheduled else None


def turning_adherence(patient, zone, since, now, per_week=False):
    """[Adherence] for the repositioning turns due from ``since`` (aware) up to ``now``, oldest first."""
    since_utc, now_utc = since.astimezone(dt_timezone.utc), now.astimezone(dt_timezone.utc)
    query = _query(zone.key, since_utc.date(), now_utc.date(), per_week)
    rows = query(patient=patient.pk, since=since, counted_until=now - ON_TIME_GRACE, done_until=now)
    return [Adherence(day=_as_date(bucket), scheduled=scheduled, on_time=on_time)
            for bucket, scheduled, on_time in rows]


@lru_cache(maxsize=128)
def _query(zone_key, first_day, last_day, per_week):
    """Compiled once per zone, period and day (core/prepared.py): the zone's offsets for the
    period are part of the SQL (core/progress/sql.py), the rest are values."""
    zone = zoneinfo.ZoneInfo(zone_key)
    span = (datetime.combine(first_day, time(0), dt_timezone.utc), datetime.combine(last_day, time(0), dt_timezone.utc))
    done = Occurrence.Status.DONE
    on_time = Q(Q(status=done), DoneWithin("done_at", "due_at", ON_TIME_GRACE.total_seconds() // 60))

    def build(patient, since, counted_until, done_until):
        counted = Q(due_at__lte=counted_until) | Q(status=done, due_at__lte=done_until)
        return (Occurrence.objects
                .filter(patient=patient, kind=Kind.REPOSITIONING, due_at__gte=since)
                .filter(counted)
                .annotate(bucket=LocalDate("due_at", zone, *span, week=per_week))
                .values("bucket")
                .annotate(scheduled=Count("pk"), on_time=Count("pk", filter=on_time))
                .order_by("bucket")
                .values_list("bucket", "scheduled", "on_time"))

    return Prepared(build)


def _as_date(value):
    # TruncWeek gives a local datetime (midnight on Monday), TruncDate a date.
    return value.date() if isinstance(value, datetime) else value
