"""When a schedule's occurrences fall, in the patient's time zone.

Two rules, as families expect them:
- "at 08:00" stays 08:00 on the wall clock across daylight-saving changes;
- "every 2 hours" stays 2 hours of real time (computed in UTC).
A different night interval is a list of wall-clock times (e.g. 07:00, 09:00 …
21:00 by day, then 22:00, 02:00, 06:00 by night), shown to the family as such.

python-dateutil's rrule does the calendar work; we only convert time zones.
"""

import datetime
import zoneinfo
from datetime import timedelta

from dateutil import rrule

from .models import Recurrence

UTC = datetime.timezone.utc


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def _to_utc(naive_local, zone):
    """A wall-clock time to UTC. A time skipped by a DST jump moves forward with the clock;
    a repeated time (clocks going back) takes its first instance."""
    # fold=0 does both (PEP 495): in a gap it applies the offset from before the jump,
    # which lands after it (02:30 -> 03:30); in a repeated hour it picks the first.
    return naive_local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def wall_clock_times(schedule):
    """The list of local times a times-of-day or day/night schedule uses, sorted."""
    if schedule.recurrence == Recurrence.TIMES:
        return sorted(datetime.time.fromisoformat(t) for t in schedule.times_of_day)
    if not schedule.has_night_interval:
        return []
    day = _steps(schedule.night_ends, schedule.night_starts, schedule.interval_minutes)
    night = _steps(schedule.night_starts, schedule.night_ends, schedule.night_interval_minutes)
    return sorted(set(day + night))


def _steps(start, stop, minutes):
    """Times from start (inclusive) up to stop (exclusive), stepping by minutes, across midnight."""
    base = datetime.datetime.combine(datetime.date(2000, 1, 1), start)
    end = datetime.datetime.combine(datetime.date(2000, 1, 1), stop)
    if end <= base:
        end += timedelta(days=1)
    times, current = [], base
    while current < end:
        times.append(current.time())
        current += timedelta(minutes=minutes)
    return times


def occurrences_between(schedule, start, end, time_zone):
    """Due times (aware, UTC) of ``schedule`` in [start, end)."""
    zone = _zone(time_zone)
    # Due times are whole minutes; the first one is the start's own minute.
    start = max(start, schedule.starts_at.replace(second=0, microsecond=0))
    if schedule.ends_at:
        end = min(end, schedule.ends_at)
    if start >= end:
        return []
    weekdays = schedule.weekdays or None

    times = wall_clock_times(schedule)
    if times:
        first_local = (start.astimezone(zone) - timedelta(days=1)).replace(tzinfo=None)
        rule = rrule.rrule(
            rrule.DAILY,
            dtstart=first_local.replace(hour=0, minute=0, second=0, microsecond=0),
            byweekday=weekdays,
            byhour=sorted({t.hour for t in times}),
            byminute=sorted({t.minute for t in times}),
            bysecond=0,
        )
        wanted = {(t.hour, t.minute) for t in times}
        last_local = (end.astimezone(zone) + timedelta(days=1)).replace(tzinfo=None)
        result = []
        for local in rule.between(first_local, last_local, inc=True):
            if (local.hour, local.minute) not in wanted:
                continue  # byhour × byminute makes combinations we did not ask for
            due = _to_utc(local, zone)
            if start <= due < end:
                result.append(due)
        return sorted(set(result))

    # Every N minutes of real time, anchored at the schedule's start.
    anchor = schedule.starts_at.astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0)
    naive_start = start.astimezone(UTC).replace(tzinfo=None)
    # Move the anchor to the last step before the window so that a schedule that
    # began years ago is not walked through from its first day.
    step = timedelta(minutes=schedule.interval_minutes)
    if naive_start > anchor:
        anchor += ((naive_start - anchor) // step) * step
    rule = rrule.rrule(rrule.MINUTELY, interval=schedule.interval_minutes, dtstart=anchor)
    naive_end = end.astimezone(UTC).replace(tzinfo=None)
    result = []
    for due in rule.xafter(naive_start, inc=True):
        if due >= naive_end:
            break
        aware = due.replace(tzinfo=UTC)
        if weekdays is None or aware.astimezone(zone).weekday() in weekdays:
            result.append(aware)
    return result


def describe(schedule):
    """A short plain-language summary: "Every 2 hours", "At 08:00, 20:00 · Mon, Thu"."""
    from django.utils import formats
    from django.utils.translation import gettext as _, ngettext

    from .models import WEEKDAYS

    times = wall_clock_times(schedule)
    if times:
        text = _("At %(times)s") % {"times": ", ".join(formats.time_format(t, "TIME_FORMAT") for t in times)}
    elif schedule.interval_minutes and schedule.interval_minutes % 60 == 0:
        hours = schedule.interval_minutes // 60
        text = ngettext("Every hour", "Every %(n)d hours", hours) % {"n": hours}
    else:
        minutes = schedule.interval_minutes or 0
        text = ngettext("Every minute", "Every %(n)d minutes", minutes) % {"n": minutes}
    if schedule.weekdays:
        names = dict(WEEKDAYS)
        text += " · " + ", ".join(str(names[d]) for d in sorted(schedule.weekdays))
    return text
