"""Every query compiled once (core/prepared.py) gives what the ORM gives for the same values,
on SQLite and on PostgreSQL (the suite runs on both)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.logs import timeline_queries
from core.logs.models import Repositioning, TimelineEntry
from core.notes.models import Acknowledgement, Note
from core.notes.today import OPEN
from core.patients.access import MEMBERSHIPS
from core.prepared import Param, Prepared, instance
from core.reminders import today
from core.reminders.models import Kind, Occurrence, Recurrence, Schedule


@pytest.fixture
def history(circle):
    now = timezone.now()
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.REPOSITIONING, recurrence=Recurrence.INTERVAL,
                                       interval_minutes=120, starts_at=now - timedelta(days=2))
    today.build(circle.patient)
    occurrence = schedule.occurrences.order_by("due_at").first()
    Occurrence.objects.filter(pk=occurrence.pk).update(status="done", done_at=now, done_by=circle.caregiver)
    for hours in range(0, 60, 3):
        Repositioning.objects.create(patient=circle.patient, recorded_by=[circle.owner, circle.caregiver][hours % 2],
                                     position="supine", occurred_at=now - timedelta(hours=hours))
    read = Note.objects.create(patient=circle.patient, recorded_by=circle.caregiver, text="read")
    Note.objects.create(patient=circle.patient, recorded_by=circle.caregiver, text="unread")
    Note.objects.create(patient=circle.patient, recorded_by=circle.owner, text="my own")
    Acknowledgement.objects.create(note=read, user=circle.owner, acknowledged_at=now + timedelta(seconds=1))
    Repositioning.objects.create(patient=circle.other_patient, recorded_by=circle.stranger, position="chair")
    return now


def test_the_today_board_and_last_turn(circle, history):
    values = {"patient": circle.patient.pk, "since": history - timedelta(hours=24),
              "until": history + timedelta(hours=24)}
    prepared, orm = today.BOARD.check(**values)
    assert prepared == orm and len(prepared) > 20
    prepared, orm = today.LAST_TURN.check(patient=circle.patient.pk)
    assert prepared == orm and len(prepared) == 1


def test_open_handoffs(circle, history):
    prepared, orm = OPEN.check(patient=circle.patient.pk, user=circle.owner.pk, since=history - timedelta(days=30))
    assert prepared == orm
    assert [row[2] for row in prepared] == ["unread"]


def test_memberships(circle, history):
    prepared, orm = MEMBERSHIPS.check(user=circle.owner.pk)
    assert prepared == orm and len(prepared) == 1


@pytest.mark.parametrize("by_kind, by_member", [(False, False), (True, False), (False, True), (True, True)])
def test_the_timeline_pages_and_counts(circle, history, by_kind, by_member):
    values = {"patient": circle.patient.pk, "kind": "repositioning" if by_kind else "",
              "member": circle.owner.pk if by_member else None}
    for offset in (0, 5, 18, 400):
        prepared, orm = timeline_queries._page(by_kind, by_member).check(**values, limit=7, offset=offset)
        assert prepared == orm
    prepared, orm = timeline_queries._count(by_kind, by_member).check(**values)
    assert prepared == orm
    expected = TimelineEntry.objects.filter(patient=circle.patient, deleted=False)
    if by_kind:
        expected = expected.filter(kind="repositioning")
    if by_member:
        expected = expected.filter(recorded_by=circle.owner)
    assert prepared[0][0] == expected.count() > 0
    prepared, orm = timeline_queries.MEMBERS.check(patient=circle.patient.pk)
    assert prepared == orm and len(prepared) == 3


def test_a_count_of_nothing_is_no_row(circle):
    prepared, orm = timeline_queries._count(False, True).check(patient=circle.patient.pk, kind="", member=10**9)
    assert prepared == orm == []


def test_values_that_are_not_plain_are_refused(circle):
    query = Prepared(lambda patient: TimelineEntry.objects.filter(patient=patient).values_list("pk"))
    with pytest.raises(TypeError):
        query(patient=circle.patient)  # a model instance: say .pk
    assert query(patient=circle.patient.pk) == []


def test_instance_defers_what_was_not_read(circle, django_assert_num_queries):
    user = instance(type(circle.owner), id=circle.owner.pk, display_name="Olivia")
    with django_assert_num_queries(0):
        assert user.display_name == "Olivia"
    with django_assert_num_queries(1):
        assert user.email == circle.owner.email  # read on demand, never a blank
    with pytest.raises(TypeError):
        instance(type(circle.owner), nickname="x")


def test_param_is_only_a_placeholder():
    assert Param("x").as_sql(None, None)[0] == "%s"


def test_a_forged_or_huge_member_id_in_the_timeline_filter_finds_nothing(circle, client_for, history):
    client = client_for(circle.viewer)
    url = reverse("logs:timeline", args=[circle.patient.pk])
    for member in ["99999999999999999999999", "-1", "abc", str(circle.stranger.pk)]:
        response = client.get(url, {"member": member})
        assert response.status_code == 200
    stranger_only = client.get(url, {"member": circle.stranger.pk}).content.decode()
    assert "Nothing here yet." in stranger_only
    last_page = client.get(url, {"page": "9999"}).content.decode()
    assert "Page 1 of 1" in last_page or "Page" not in last_page


def test_the_progress_series_and_the_units_preference(circle):
    from core.assessments import series as assessment_series
    from core.assessments.models import BradenAssessment, MobilityCheck
    from core.measurements import series as measurement_series
    from core.measurements.models import DisplayPreferences, Measurement
    from core.measurements.units import PREFERENCE
    from core.progress.cards import WOUNDS
    from core.skin.models import Finding, SkinCheck

    now = timezone.now()
    for days in range(0, 40, 5):
        at = now - timedelta(days=days)
        Measurement.objects.create(patient=circle.patient, recorded_by=circle.owner, occurred_at=at,
                                   weight_kg="70.25" if days % 2 else None, calf_left_cm="31.5", calf_right_cm=None)
        MobilityCheck.objects.create(patient=circle.patient, recorded_by=circle.owner, occurred_at=at,
                                     chair_stand=days % 9 if days % 10 else None, fac=3)
        BradenAssessment.objects.create(patient=circle.patient, recorded_by=circle.owner, occurred_at=at,
                                        sensory=2, moisture=3, activity=1, mobility=2, nutrition=3, friction=2)
        check = SkinCheck.objects.create(patient=circle.patient, recorded_by=circle.owner, occurred_at=at)
        Finding.objects.create(skin_check=check, site="sacrum", side="centre", category="stage_2", length_cm="2.5", width_cm="1.2")
    since = now - timedelta(days=20)
    for query, values in [(measurement_series.WEIGHTS_AND_CALVES, {"patient": circle.patient.pk, "since": since}),
                          (assessment_series.MOBILITY, {"patient": circle.patient.pk}),
                          (assessment_series.BRADEN, {"patient": circle.patient.pk}),
                          (WOUNDS, {"patient": circle.patient.pk, "since": since})]:
        prepared, orm = query.check(**values)
        assert prepared == orm and prepared, query
    assert PREFERENCE.check(user=circle.owner.pk) == ([], [])
    DisplayPreferences.objects.create(user=circle.owner, units="imperial")
    assert PREFERENCE.check(user=circle.owner.pk) == ([("imperial",)], [("imperial",)])


@pytest.mark.parametrize("zone", ["Europe/Madrid", "America/Santiago", "Asia/Kathmandu"])
def test_turning_adherence_and_movement_weeks_compiled_once_match_the_orm(circle, zone):
    import zoneinfo

    from core.movement import series as movement_series
    from core.progress import adherence

    circle.patient.time_zone = zone
    circle.patient.save()
    now = timezone.now()
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.REPOSITIONING, recurrence=Recurrence.INTERVAL,
                                       interval_minutes=150, starts_at=now - timedelta(days=200))
    from core.reminders.planning import materialise

    materialise([schedule], now=now, back=timedelta(days=200), ahead=timedelta(hours=2))
    Occurrence.objects.filter(patient=circle.patient, due_at__lt=now - timedelta(days=3)).update(
        status="done", done_at=now - timedelta(days=3))
    since = now - timedelta(days=190)
    utc_days = (since.astimezone(zoneinfo.ZoneInfo("UTC")).date(), now.astimezone(zoneinfo.ZoneInfo("UTC")).date())
    for per_week in (False, True):
        query = adherence._query(zone, *utc_days, per_week)
        prepared, orm = query.check(patient=circle.patient.pk, since=since, counted_until=now - timedelta(minutes=30),
                                    done_until=now)
        assert prepared == orm and len(prepared) > 20
    prepared, orm = movement_series._weekly(zone, *utc_days).check(patient=circle.patient.pk, since=since)
    assert prepared == orm
