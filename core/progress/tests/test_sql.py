"""The native local-date and on-time expressions agree with Python (and Django's TruncDate)
for every hour around daylight-saving changes, in zones with odd offsets too."""

import uuid
import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.db.models.functions import TruncDate

from core.logs.models import TimelineEntry
from core.progress.sql import LocalDate, offset_spans

UTC = zoneinfo.ZoneInfo("UTC")
ZONES = ["Europe/Madrid", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham",
         "America/Sao_Paulo", "UTC"]


def test_offset_spans_find_the_two_changes_of_a_european_year_to_the_second():
    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    spans = offset_spans(madrid, datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 12, 31, tzinfo=UTC))
    assert [(start.isoformat(), minutes) for start, minutes in spans] == [
        ("2025-01-01T00:00:00+00:00", 60),
        ("2025-03-30T01:00:00+00:00", 120),   # 02:00 local becomes 03:00
        ("2025-10-26T01:00:00+00:00", 60),    # 03:00 local becomes 02:00
    ]


def test_a_zone_without_daylight_saving_has_one_span():
    kolkata = zoneinfo.ZoneInfo("Asia/Kolkata")
    assert offset_spans(kolkata, datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 12, 31, tzinfo=UTC)) == [
        (datetime(2025, 1, 1, tzinfo=UTC), 330)]


def _hourly(patient, start, hours):
    moments = [start + timedelta(minutes=30 * i + 7) for i in range(hours * 2)]
    TimelineEntry.objects.bulk_create([
        TimelineEntry(entry_id=uuid.uuid4(), patient=patient, kind="x", occurred_at=m) for m in moments])
    return moments


@pytest.mark.parametrize("zone_name", ZONES)
@pytest.mark.parametrize("week", [False, True])
def test_local_dates_match_python_around_both_changes_of_the_year(zone_name, week, circle):
    zone = zoneinfo.ZoneInfo(zone_name)
    moments = []
    for start in (datetime(2025, 3, 28, tzinfo=UTC), datetime(2025, 10, 24, tzinfo=UTC),
                  datetime(2025, 4, 4, tzinfo=UTC), datetime(2025, 9, 26, tzinfo=UTC)):
        moments += _hourly(circle.patient, start, 24 * 4)
    since, until = datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 12, 31, tzinfo=UTC)
    rows = (TimelineEntry.objects.filter(patient=circle.patient)
            .annotate(local=LocalDate("occurred_at", zone, since, until, week=week))
            .order_by("occurred_at").values_list("occurred_at", "local"))
    mismatches = []
    for moment, local in rows:
        expected = moment.astimezone(zone).date()
        if week:
            expected -= timedelta(days=expected.weekday())
        if local != expected:
            mismatches.append((moment, local, expected))
    assert len(rows) == len(moments)
    assert not mismatches, mismatches[:5]


def test_local_dates_group_like_django_truncdate(circle):
    zone = zoneinfo.ZoneInfo("Europe/Madrid")
    _hourly(circle.patient, datetime(2025, 3, 28, tzinfo=UTC), 24 * 4)
    since, until = datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 4, 30, tzinfo=UTC)
    ours = list(TimelineEntry.objects.filter(patient=circle.patient)
                .annotate(d=LocalDate("occurred_at", zone, since, until)).values_list("d", flat=True)
                .order_by("occurred_at"))
    django = list(TimelineEntry.objects.filter(patient=circle.patient)
                  .annotate(d=TruncDate("occurred_at", tzinfo=zone)).values_list("d", flat=True)
                  .order_by("occurred_at"))
    assert ours == django
    assert ours[0] == date(2025, 3, 28)


@pytest.mark.parametrize("late, on_time", [
    (timedelta(minutes=30), True), (timedelta(minutes=30, milliseconds=2), False),
    (timedelta(minutes=29, seconds=59, microseconds=999000), True), (timedelta(minutes=-45), True),
    (timedelta(hours=26), False)])
def test_done_within_is_exact_to_the_millisecond(late, on_time, circle):
    from django.db.models import Q

    from core.progress.sql import DoneWithin
    from core.reminders.models import Kind, Occurrence, Schedule

    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.REPOSITIONING, interval_minutes=120)
    due = datetime(2025, 6, 1, 10, 0, 0, 123456, tzinfo=UTC)
    Occurrence.objects.create(schedule=schedule, patient=circle.patient, kind=Kind.REPOSITIONING, due_at=due,
                              status="done", done_at=due + late)
    assert Occurrence.objects.filter(Q(DoneWithin("done_at", "due_at", 30))).exists() is on_time
