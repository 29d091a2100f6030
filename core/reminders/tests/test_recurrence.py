"""Recurrence in the patient's time zone, across daylight-saving changes."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from core.reminders.models import Kind, Recurrence, Schedule
from core.reminders.recurrence import describe, occurrences_between, wall_clock_times

UTC = datetime.timezone.utc
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def at(year, month, day, hour=0, minute=0, zone=UTC):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


def schedule(**fields):
    defaults = {"kind": Kind.REPOSITIONING, "recurrence": Recurrence.INTERVAL,
                "starts_at": at(2026, 1, 1), "weekdays": [], "times_of_day": []}
    return Schedule(**{**defaults, **fields})


def local_times(dues, zone):
    return [d.astimezone(zone).strftime("%m-%d %H:%M") for d in dues]


def test_set_times_stay_on_the_wall_clock_when_summer_time_starts():
    # Spain moves its clocks forward on 29 March 2026 at 02:00.
    s = schedule(recurrence=Recurrence.TIMES, times_of_day=["08:00", "20:00"])
    dues = occurrences_between(s, at(2026, 3, 28, 0), at(2026, 3, 31, 0), "Europe/Madrid")
    assert local_times(dues, MADRID) == ["03-28 08:00", "03-28 20:00", "03-29 08:00", "03-29 20:00",
                                         "03-30 08:00", "03-30 20:00"]
    # … which means the UTC hour changes under it.
    assert [d.hour for d in dues[:4]] == [7, 19, 6, 18]


def test_set_times_stay_on_the_wall_clock_when_summer_time_ends():
    s = schedule(recurrence=Recurrence.TIMES, times_of_day=["08:00"])
    dues = occurrences_between(s, at(2026, 10, 24), at(2026, 10, 27), "Europe/Madrid")
    assert local_times(dues, MADRID) == ["10-24 08:00", "10-25 08:00", "10-26 08:00"]


def test_a_time_skipped_by_the_clock_change_moves_forward_once():
    s = schedule(recurrence=Recurrence.TIMES, times_of_day=["02:30"])
    dues = occurrences_between(s, at(2026, 3, 28), at(2026, 3, 31), "Europe/Madrid")
    assert local_times(dues, MADRID) == ["03-28 02:30", "03-29 03:30", "03-30 02:30"]


def test_a_repeated_hour_when_clocks_go_back_happens_once():
    s = schedule(recurrence=Recurrence.TIMES, times_of_day=["02:30"])
    dues = occurrences_between(s, at(2026, 10, 24), at(2026, 10, 27), "Europe/Madrid")
    assert len(dues) == 3


def test_every_two_hours_stays_two_hours_of_real_time_across_the_change():
    s = schedule(interval_minutes=120, starts_at=at(2026, 3, 28, 20))
    dues = occurrences_between(s, at(2026, 3, 28, 20), at(2026, 3, 29, 6), "Europe/Madrid")
    gaps = {(b - a) for a, b in zip(dues, dues[1:])}
    assert gaps == {datetime.timedelta(hours=2)}
    # On the wall clock one step looks like three hours: the night the clocks go forward.
    assert "03-29 01:00" in local_times(dues, MADRID) and "03-29 04:00" in local_times(dues, MADRID)


def test_interval_is_anchored_at_the_start_not_at_the_window():
    s = schedule(interval_minutes=90, starts_at=at(2025, 1, 1, 0, 15))
    dues = occurrences_between(s, at(2026, 6, 1, 10), at(2026, 6, 1, 14), "UTC")
    start = at(2025, 1, 1, 0, 15)
    assert dues and all((d - start) % datetime.timedelta(minutes=90) == datetime.timedelta(0) for d in dues)


def test_day_and_night_intervals_give_the_listed_wall_clock_times():
    s = schedule(interval_minutes=120, night_interval_minutes=240, night_starts=datetime.time(22),
                 night_ends=datetime.time(7))
    names = [t.strftime("%H:%M") for t in wall_clock_times(s)]
    assert names == ["02:00", "06:00", "07:00", "09:00", "11:00", "13:00", "15:00", "17:00", "19:00",
                     "21:00", "22:00"]
    dues = occurrences_between(s, at(2026, 7, 1, 0, 0, NEW_YORK), at(2026, 7, 2, 0, 0, NEW_YORK),
                               "America/New_York")
    assert len(dues) == 11
    assert local_times(dues, NEW_YORK)[0] == "07-01 02:00"


def test_weekdays_are_the_patients_weekdays():
    # 08:00 on Mondays in Auckland is Sunday evening in UTC.
    s = schedule(recurrence=Recurrence.TIMES, times_of_day=["08:00"], weekdays=[0])
    dues = occurrences_between(s, at(2026, 6, 1), at(2026, 6, 15), "Pacific/Auckland")
    zone = zoneinfo.ZoneInfo("Pacific/Auckland")
    assert len(dues) == 2
    assert all(d.astimezone(zone).weekday() == 0 for d in dues)
    assert all(d.weekday() == 6 for d in dues)


def test_start_and_end_bound_the_occurrences():
    s = schedule(interval_minutes=60, starts_at=at(2026, 5, 1, 10), ends_at=at(2026, 5, 1, 13))
    dues = occurrences_between(s, at(2026, 5, 1), at(2026, 5, 2), "UTC")
    assert [d.hour for d in dues] == [10, 11, 12]


@pytest.mark.parametrize("fields,field", [
    ({"interval_minutes": None}, "interval_minutes"),
    ({"interval_minutes": 0}, "interval_minutes"),
    ({"interval_minutes": 120, "night_interval_minutes": 240, "night_starts": datetime.time(22),
      "night_ends": datetime.time(22)}, "night_ends"),
    ({"interval_minutes": 120, "night_interval_minutes": 240}, "night_interval_minutes"),
    ({"interval_minutes": 120, "ends_at": at(2025, 12, 31)}, "ends_at"),
    ({"recurrence": Recurrence.TIMES}, "times_of_day"),
    ({"recurrence": Recurrence.TIMES, "times_of_day": ["25:00"]}, "times_of_day"),
    ({"recurrence": Recurrence.TIMES, "times_of_day": ["08:00", "08:00"]}, "times_of_day"),
    ({"interval_minutes": 120, "weekdays": [7]}, "weekdays"),
    ({"interval_minutes": 120, "kind": Kind.CUSTOM}, "title"),
])
def test_impossible_recurrences_are_refused_with_a_field_error(fields, field, circle):
    s = schedule(patient=circle.patient, **fields)
    with pytest.raises(ValidationError) as refused:
        s.full_clean()
    assert field in refused.value.message_dict


def test_describe_reads_like_a_person_would_say_it():
    assert describe(schedule(interval_minutes=120)) == "Every 2 hours"
    assert describe(schedule(interval_minutes=90)) == "Every 90 minutes"
    text = describe(schedule(recurrence=Recurrence.TIMES, times_of_day=["20:00", "08:00"], weekdays=[0, 3]))
    assert text == "At 8 a.m., 8 p.m. · Mon, Thu"
