"""Passive-movement figures for the progress charts."""

import zoneinfo
from datetime import datetime, time, timezone as dt_timezone
from functools import lru_cache

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncWeek
from django.utils import timezone

from core.logs.models import CLOCK_SKEW
from core.prepared import Prepared
from core.progress.sql import LocalDate

from .catalogue import Status
from .models import MovementRecord, PromSession


def sessions_per_week(patient, since=None, until=None):
    """[{"week": date of the Monday, "sessions": n}], oldest first, in one query.

    A session counts when at least one movement in it was done (a session opened
    and abandoned at once does not). Weeks follow the patient's time zone; weeks
    without a session are absent, the chart fills them in.
    """
    try:
        zone = zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    if since is None:  # the whole history, grouped by Django's TruncWeek
        rows = _sessions(patient).annotate(week=TruncWeek("occurred_at", tzinfo=zone)).values("week") \
            .annotate(sessions=Count("pk")).order_by("week").values_list("week", "sessions")
    else:  # the Progress page: LocalDate is native SQL where TruncWeek is a Python call per row
        until = until or timezone.now() + CLOCK_SKEW
        first, last = since.astimezone(dt_timezone.utc).date(), until.astimezone(dt_timezone.utc).date()
        rows = _weekly(zone.key, first, last)(patient=patient.pk, since=since)
    return [{"week": _as_date(week), "sessions": count} for week, count in rows]


def _sessions(patient):
    return PromSession.objects.alive().for_patient(patient).filter(
        Exists(MovementRecord.objects.filter(session=OuterRef("pk"), status=Status.DONE)))


@lru_cache(maxsize=128)
def _weekly(zone_key, first_day, last_day):
    """Compiled once per zone and period (core/prepared.py): the zone's offsets for the period
    are part of the SQL (core/progress/sql.py), the patient and the start are values."""
    zone = zoneinfo.ZoneInfo(zone_key)
    span = (datetime.combine(first_day, time(0), dt_timezone.utc), datetime.combine(last_day, time(0), dt_timezone.utc))
    return Prepared(lambda patient, since: _sessions(patient).filter(occurred_at__gte=since)
                    .annotate(week=LocalDate("occurred_at", zone, *span, week=True)).values("week")
                    .annotate(sessions=Count("pk")).order_by("week").values_list("week", "sessions"))


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value
