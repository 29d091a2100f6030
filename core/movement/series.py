"""Passive-movement figures for the progress charts."""

import zoneinfo

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncWeek

from .catalogue import Status
from .models import MovementRecord, PromSession


def sessions_per_week(patient, since=None):
    """[{"week": date of the Monday, "sessions": n}], oldest first, in one query.

    A session counts when at least one movement in it was done (a session opened
    and abandoned at once does not). Weeks follow the patient's time zone; weeks
    without a session are absent, the chart fills them in.
    """
    try:
        zone = zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    sessions = PromSession.objects.alive().for_patient(patient).filter(
        Exists(MovementRecord.objects.filter(session=OuterRef("pk"), status=Status.DONE)))
    if since is not None:
        sessions = sessions.filter(occurred_at__gte=since)
    rows = (sessions.annotate(week=TruncWeek("occurred_at", tzinfo=zone)).values("week")
            .annotate(sessions=Count("pk")).order_by("week"))
    return [{"week": row["week"].date(), "sessions": row["sessions"]} for row in rows]
