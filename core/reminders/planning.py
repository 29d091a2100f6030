"""Turning schedules into stored occurrences, and deciding who is reminded."""

import zoneinfo
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from core.patients.models import Membership, Patient, Role

from .models import Assignment, Occurrence, ReminderPreferences, Schedule
from .recurrence import occurrences_between

LOOK_BACK = timedelta(hours=24)
LOOK_AHEAD = timedelta(hours=48)


def materialise(schedules, now=None, back=LOOK_BACK, ahead=LOOK_AHEAD):
    """Store the occurrences of these schedules around now. Idempotent: the unique
    (schedule, due_at) constraint drops the ones that already exist."""
    now = now or timezone.now()
    rows = []
    for schedule in schedules:
        for due in occurrences_between(schedule, now - back, now + ahead, schedule.patient.time_zone):
            rows.append(Occurrence(schedule=schedule, patient_id=schedule.patient_id, kind=schedule.kind,
                                   due_at=due))
    if rows:
        Occurrence.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


REFRESH_MARGIN = timedelta(hours=24)


def materialise_patient(patient, now=None):
    """Called by Today on every view. Reads nothing while the patient's stored occurrences
    reach far enough ahead (``Patient.reminders_planned_until``); writes only when a
    schedule's stored occurrences run out within a day."""
    now = now or timezone.now()
    if patient.reminders_planned_until and patient.reminders_planned_until >= now + REFRESH_MARGIN:
        return 0
    version = patient.plan_version  # read before the schedules: see replan()
    schedules = list(Schedule.objects.active().filter(patient=patient).select_related("patient"))
    stale = [s for s in schedules if not s.materialised_until or s.materialised_until < now + REFRESH_MARGIN]
    count = 0
    if stale:
        count = materialise(stale, now)
        Schedule.objects.filter(pk__in=[s.pk for s in stale]).update(materialised_until=now + LOOK_AHEAD)
    planned = min([now + LOOK_AHEAD] + [s.materialised_until for s in schedules if s not in stale])
    if Patient.objects.filter(pk=patient.pk, plan_version=version).update(reminders_planned_until=planned):
        patient.reminders_planned_until = planned
    return count


def plan_again(schedule, **changes):
    """The care plan changed this schedule (edited, stopped, resumed; ``changes`` are saved with
    it): its future is stored again from scratch, and Today reads the schedules again."""
    Schedule.objects.filter(pk=schedule.pk).update(materialised_until=None, **changes)
    replan(schedule.patient_id)


def replan(patient_id):
    """A schedule was added, changed, stopped or resumed: Today must read the schedules again.
    Bumping the version makes a Today view that read them before this change store nothing."""
    Patient.objects.filter(pk=patient_id).update(plan_version=F("plan_version") + 1,
                                                 reminders_planned_until=None)


def _local(dt, time_zone):
    try:
        return dt.astimezone(zoneinfo.ZoneInfo(time_zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt


def recipients(occurrence, carers, shifts, preferences, escalation=False):
    """Who to remind about ``occurrence``.

    carers: memberships (owner/caregiver) of the patient, with users; shifts: the
    patient's duty roster; preferences: {user_id: ReminderPreferences}.
    Escalation goes to the carers who were *not* reminded the first time.
    """
    schedule = occurrence.schedule
    patient_local = _local(occurrence.due_at, occurrence.patient.time_zone)
    carer_ids = [m.user_id for m in carers]
    if schedule.assignment == Assignment.MEMBER and schedule.assignee_id in carer_ids:
        first = [schedule.assignee_id]
    elif schedule.assignment == Assignment.ON_DUTY:
        first = [s.member_id for s in shifts if s.covers(patient_local) and s.member_id in carer_ids]
        first = first or carer_ids  # nobody on duty: better everyone than no one
    else:
        first = carer_ids
    chosen = [uid for uid in carer_ids if uid not in first] if escalation else first
    users = {m.user_id: m.user for m in carers}
    awake = []
    for uid in dict.fromkeys(chosen):
        prefs = preferences.get(uid)
        member_local = _local(timezone.now(), users[uid].time_zone).time()
        if prefs and prefs.is_quiet(member_local):
            continue
        awake.append(users[uid])
    return awake


def carers_of(patient_ids):
    """{patient_id: [memberships of owners and caregivers]} in one query."""
    result = {}
    for membership in (Membership.objects.filter(patient_id__in=patient_ids,
                                                 role__in=[Role.OWNER, Role.CAREGIVER])
                       .select_related("user")):
        result.setdefault(membership.patient_id, []).append(membership)
    return result


def preferences_of(user_ids):
    return {p.user_id: p for p in ReminderPreferences.objects.filter(user_id__in=user_ids)}
