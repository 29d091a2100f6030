"""A member's private calendar: the next two weeks of the reminders meant for them.

For members whose phone cannot receive push notifications (or who prefer their
calendar), this is the dependable fallback: each event carries an alarm at the due
time. It lists, for every patient the member gives care to (owner or caregiver),
the occurrences assigned to everyone, to them, or to whoever is on duty when they
are (everyone when nobody is, as for notifications). Each event holds only the
patient's name and the task. Times are in the patient's time zone, with its
VTIMEZONE, so that "08:00" stays 08:00 across daylight-saving changes.

Occurrences are computed from the schedules (not stored two weeks ahead); the UID
is made of the schedule and the due time, the same pair that identifies a stored
occurrence, so it stays stable from one refresh to the next.
"""

import zoneinfo
from collections import defaultdict
from datetime import timedelta

import icalendar
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.patients.models import Membership, Role

from .. import planning
from ..models import Assignment, DutyShift, Occurrence, Schedule
from ..recurrence import occurrences_between

DAYS = 14
EVENT_LENGTH = timedelta(minutes=15)
UTC = zoneinfo.ZoneInfo("UTC")


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def is_for(user, schedule, carer_ids, shifts, local_due):
    """Whether a reminder at ``local_due`` goes to ``user`` first (as planning.recipients decides)."""
    if schedule.assignment == Assignment.MEMBER and schedule.assignee_id in carer_ids:
        return schedule.assignee_id == user.pk
    if schedule.assignment == Assignment.ON_DUTY:
        on_duty = [s.member_id for s in shifts if s.covers(local_due) and s.member_id in carer_ids]
        return not on_duty or user.pk in on_duty
    return True


def calendar_for(user, now=None, days=DAYS):
    now = now or timezone.now()
    end = now + timedelta(days=days)
    patient_ids = list(Membership.objects.filter(user=user, role__in=[Role.OWNER, Role.CAREGIVER])
                       .values_list("patient_id", flat=True))
    schedules = list(Schedule.objects.active().filter(patient_id__in=patient_ids).select_related("patient"))
    carers = {pid: {m.user_id for m in members} for pid, members in planning.carers_of(patient_ids).items()}
    shifts = defaultdict(list)
    for shift in DutyShift.objects.filter(patient_id__in=patient_ids):
        shifts[shift.patient_id].append(shift)
    finished = set(Occurrence.objects.filter(patient_id__in=patient_ids, due_at__gte=now, due_at__lt=end)
                   .exclude(status=Occurrence.Status.PENDING).values_list("schedule_id", "due_at"))

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Tend//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    with translation.override(user.language or None):
        calendar.add("x-wr-calname", _("Tend reminders"))
        calendar.add("x-published-ttl", "PT1H")
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        for schedule in schedules:
            patient = schedule.patient
            zone = _zone(patient.time_zone)
            summary = _("%(name)s: %(task)s") % {"name": patient.display_name, "task": str(schedule.label)}
            for due in occurrences_between(schedule, now, end, patient.time_zone):
                local = due.astimezone(zone)
                if (schedule.pk, due) in finished:
                    continue
                if not is_for(user, schedule, carers.get(patient.pk, set()), shifts[patient.pk], local):
                    continue
                calendar.add_component(_event(schedule, due, local, summary, now))
    # Only the transitions around these two weeks, not 1970-2038: a far shorter file to poll hourly.
    calendar.add_missing_timezones(first_date=(now - timedelta(days=30)).date(),
                                   last_date=(end + timedelta(days=30)).date())
    return calendar.to_ical()


def _event(schedule, due, local, summary, now):
    event = icalendar.Event()
    event.add("uid", f"{schedule.pk}-{due.astimezone(UTC):%Y%m%dT%H%M%SZ}@tend")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", local)
    event.add("duration", EVENT_LENGTH)
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: do not block the member's time
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
