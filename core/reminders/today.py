"""What the Today screen shows, computed from a constant number of queries."""

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from core.logs.models import Repositioning

from .models import UNDO_WINDOW, Occurrence
from .planning import materialise_patient
from .positions import next_position

DUE_WINDOW = timedelta(minutes=15)  # "due now" from 15 minutes before to 15 minutes after
WINDOW_BACK = timedelta(hours=24)
WINDOW_AHEAD = timedelta(hours=24)
NEXT_UP = 5


@dataclass
class Row:
    occurrence: Occurrence
    late_by: timedelta | None = None
    missed_before: int = 0
    log_kind: str = ""


@dataclass
class TodayBoard:
    now: datetime
    overdue: list = field(default_factory=list)
    due_now: list = field(default_factory=list)
    snoozed: list = field(default_factory=list)
    next_up: list = field(default_factory=list)
    done_today: list = field(default_factory=list)
    undoable: set = field(default_factory=set)
    last_turn: Occurrence | None = None
    suggested_position: str = ""

    @property
    def since_last_turn(self):
        return self.now - self.last_turn.occurred_at if self.last_turn else None

    @property
    def is_empty(self):
        return not (self.overdue or self.due_now or self.snoozed or self.next_up or self.done_today)


def build(patient, now=None):
    now = now or timezone.now()
    materialise_patient(patient, now)
    try:
        zone = zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    local_midnight = datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone)

    occurrences = list(
        Occurrence.objects.filter(patient=patient, due_at__gte=now - WINDOW_BACK,
                                  due_at__lt=now + WINDOW_AHEAD, schedule__active=True)
        .select_related("schedule", "done_by").order_by("due_at"))
    board = TodayBoard(now=now)
    # Turns logged by hand count as much as turns done from a reminder.
    board.last_turn = (Repositioning.objects.alive().filter(patient=patient)
                       .select_related("recorded_by").order_by("-occurred_at").first())
    board.suggested_position = next_position(board.last_turn.position if board.last_turn else None)

    # A turn done at 14:00 makes the missed 12:00 one history, not something still to do.
    handled_until = {}
    for occ in occurrences:
        if occ.status != Occurrence.Status.PENDING:
            handled_until[occ.schedule_id] = max(occ.due_at, handled_until.get(occ.schedule_id, occ.due_at))

    overdue_by_schedule = {}
    upcoming_schedules = set()
    for occ in occurrences:
        if occ.status != Occurrence.Status.PENDING:
            if occ.done_at and occ.done_at >= local_midnight:
                board.done_today.append(Row(occ))
                if occ.done_at >= now - UNDO_WINDOW:
                    board.undoable.add(occ.pk)
            continue
        if occ.due_at < handled_until.get(occ.schedule_id, occ.due_at):
            continue
        if occ.is_snoozed(now):
            board.snoozed.append(Row(occ))
        elif occ.due_at < now - DUE_WINDOW:
            # Only the latest missed one per schedule is actionable; older ones are counted.
            previous = overdue_by_schedule.get(occ.schedule_id)
            overdue_by_schedule[occ.schedule_id] = Row(
                occ, late_by=now - occ.due_at,
                missed_before=(previous.missed_before + 1) if previous else 0)
        elif occ.due_at <= now + DUE_WINDOW:
            board.due_now.append(Row(occ))
        elif occ.schedule_id not in upcoming_schedules and len(board.next_up) < NEXT_UP:
            upcoming_schedules.add(occ.schedule_id)
            board.next_up.append(Row(occ))
    board.overdue = sorted(overdue_by_schedule.values(), key=lambda r: r.occurrence.due_at)
    # A schedule that is due now does not also need its older missed turn on screen.
    due_schedules = {r.occurrence.schedule_id for r in board.due_now}
    board.overdue = [r for r in board.overdue if r.occurrence.schedule_id not in due_schedules]
    board.done_today.sort(key=lambda r: r.occurrence.done_at, reverse=True)
    return board
