"""Turning adherence: on time within 30 minutes, skipped and future turns, days in the patient's zone."""

import zoneinfo
from datetime import date, datetime, timedelta

import pytest

from core.progress.adherence import ON_TIME_GRACE, turning_adherence
from core.reminders.models import Kind, Occurrence, Recurrence, Schedule

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
UTC = zoneinfo.ZoneInfo("UTC")
# A winter day: Madrid is UTC+1.
NOW = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def turns(circle):
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.REPOSITIONING,
                                       recurrence=Recurrence.INTERVAL, interval_minutes=120,
                                       starts_at=NOW - timedelta(days=30))

    def add(due_at, status="pending", late=None, kind=Kind.REPOSITIONING):
        done_at = due_at + late if late is not None else (due_at if status != "pending" else None)
        return Occurrence.objects.create(schedule=schedule, patient=circle.patient, kind=kind, due_at=due_at,
                                         status=status, done_at=done_at)

    return add


def adherence(circle, since=NOW - timedelta(days=20), now=NOW, **extra):
    return turning_adherence(circle.patient, MADRID, since, now, **extra)


def test_the_grace_is_thirty_minutes():
    assert ON_TIME_GRACE == timedelta(minutes=30)


def test_a_turn_done_29_minutes_late_is_on_time_and_31_minutes_late_is_not(circle, turns):
    due = datetime(2025, 1, 8, 10, 0, tzinfo=UTC)
    turns(due, "done", late=timedelta(minutes=29))
    turns(due + timedelta(hours=2), "done", late=timedelta(minutes=31))
    [day] = adherence(circle)
    assert (day.day, day.scheduled, day.on_time, day.percent) == (date(2025, 1, 8), 2, 1, 50)


def test_exactly_thirty_minutes_late_and_done_early_both_count_as_on_time(circle, turns):
    due = datetime(2025, 1, 8, 10, 0, tzinfo=UTC)
    turns(due, "done", late=timedelta(minutes=30))
    turns(due + timedelta(hours=2), "done", late=timedelta(minutes=-10))
    [day] = adherence(circle)
    assert (day.scheduled, day.on_time) == (2, 2)


def test_skipped_and_missed_turns_count_as_scheduled_but_not_on_time(circle, turns):
    due = datetime(2025, 1, 8, 10, 0, tzinfo=UTC)
    turns(due, "skipped")
    turns(due + timedelta(hours=2))  # never done
    turns(due + timedelta(hours=4), "done", late=timedelta(minutes=5))
    [day] = adherence(circle)
    assert (day.scheduled, day.on_time) == (3, 1)


def test_future_turns_and_turns_still_in_their_grace_are_not_counted_unless_done(circle, turns):
    turns(NOW + timedelta(hours=1))                      # future
    turns(NOW + timedelta(hours=3), "done", late=timedelta(0))  # done ahead of time, due in the future
    turns(NOW - timedelta(minutes=10))                   # still has 20 minutes to be on time
    turns(NOW - timedelta(minutes=20), "done", late=timedelta(minutes=5))  # done within grace: counted
    turns(NOW - timedelta(minutes=40))                   # its 30 minutes are over: missed
    [day] = adherence(circle)
    assert (day.scheduled, day.on_time) == (2, 1)


def test_days_are_the_patients_days_not_utc_days(circle, turns):
    # 22:30 UTC on 7 January is 23:30 in Madrid (still the 7th); 23:30 UTC is 00:30 on the 8th.
    turns(datetime(2025, 1, 7, 22, 30, tzinfo=UTC), "done", late=timedelta(0))
    turns(datetime(2025, 1, 7, 23, 30, tzinfo=UTC))
    days = adherence(circle)
    assert [(d.day, d.scheduled, d.on_time) for d in days] == [(date(2025, 1, 7), 1, 1), (date(2025, 1, 8), 1, 0)]
    # Seen from UTC both would be on the 7th.
    utc_days = turning_adherence(circle.patient, UTC, NOW - timedelta(days=20), NOW)
    assert [(d.day, d.scheduled) for d in utc_days] == [(date(2025, 1, 7), 2)]


def test_weeks_start_on_monday_in_the_patients_zone(circle, turns):
    # Sunday 5 January, 23:30 UTC = Monday 6 January 00:30 in Madrid.
    turns(datetime(2025, 1, 5, 23, 30, tzinfo=UTC), "done", late=timedelta(0))
    turns(datetime(2025, 1, 5, 20, 0, tzinfo=UTC), "done", late=timedelta(hours=1))
    weeks = adherence(circle, per_week=True)
    assert [(w.day, w.scheduled, w.on_time) for w in weeks] == [(date(2024, 12, 30), 1, 0),
                                                                 (date(2025, 1, 6), 1, 1)]


def test_only_this_patients_turns_before_the_range_start_are_left_out(circle, turns):
    turns(datetime(2025, 1, 8, 10, 0, tzinfo=UTC), "done", late=timedelta(0))
    turns(datetime(2025, 1, 8, 12, 0, tzinfo=UTC), "done", late=timedelta(0), kind=Kind.SKIN_CHECK)
    turns(NOW - timedelta(days=25), "done", late=timedelta(0))  # before the range
    other = Schedule.objects.create(patient=circle.other_patient, kind=Kind.REPOSITIONING, interval_minutes=120)
    Occurrence.objects.create(schedule=other, patient=circle.other_patient, kind=Kind.REPOSITIONING,
                              due_at=datetime(2025, 1, 8, 10, 0, tzinfo=UTC))
    assert [(d.scheduled, d.on_time) for d in adherence(circle)] == [(1, 1)]


def test_a_day_with_nothing_scheduled_has_no_share():
    from core.progress.adherence import Adherence

    assert Adherence(day=date(2025, 1, 1), scheduled=0, on_time=0).percent is None
