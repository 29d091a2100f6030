"""What the Today screen shows, computed from a constant number of queries."""

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from core.accounts.models import User
from core.logs.models import Repositioning
from core.prepared import Prepared, instance

from .models import UNDO_WINDOW, Occurrence, Schedule
from .planning import materialise_patient
from .positions import next_position

DUE_WINDOW = timedelta(minutes=15)  # "due now" from 15 minutes before to 15 minutes after
WINDOW_BACK = timedelta(hours=24)
WINDOW_AHEAD = timedelta(hours=24)
NEXT_UP = 5
# Today is the page a family opens most: its two queries are compiled once (core/prepared.py).
OCCURRENCE_FIELDS = [f.attname for f in Occurrence._meta.concrete_fields]
BOARD = Prepared(lambda patient, since, until: Occurrence.objects
                 .filter(patient=patient, due_at__gte=since, due_at__lt=until, schedule__active=True)
                 .order_by("due_at")
                 .values_list(*OCCURRENCE_FIELDS, "schedule__kind", "schedule__title", "done_by__display_name"))
LAST_TURN = Prepared(lambda patient: Repositioning.objects.filter(patient=patient, deleted_at=None)
                     .order_by("-occurred_at").values_list("id", "occurred_at", "position")[:1])


def _occurrence(row):
    """An Occurrence with its schedule's label and the member's name; other fields of the
    schedule and the member are deferred (read from the database only if ever asked for)."""
    count = len(OCCURRENCE_FIELDS)
    occurrence = instance(Occurrence, **dict(zip(OCCURRENCE_FIELDS, row[:count])))
    kind, title, name = row[count:]
    occurrence.schedule = instance(Schedule, id=occurrence.schedule_id, kind=kind, title=title)
    if occurrence.done_by_id is not None:
        occurrence.done_by = instance(User, id=occurrence.done_by_id, display_name=name)
    return occurrence


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

    occurrences = [_occurrence(row) for row in BOARD(patient=patient.pk, since=now - WINDOW_BACK,
                                                      until=now + WINDOW_AHEAD)]
    board = TodayBoard(now=now)
    # Turns logged by hand count as much as turns done from a reminder.
    last = LAST_TURN(patient=patient.pk)
    board.last_turn = instance(Repositioning, **dict(zip(("id", "occurred_at", "position"), last[0]))) \
        if last else None
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
