"""The checks keep their own invariants: scores computed, ranges refused, banding kept."""

from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.assessments import scales, series
from core.assessments.models import BradenAssessment, MobilityCheck, SarcF
from core.logs.models import TimelineEntry

SUBSCALES = ("sensory", "moisture", "activity", "mobility", "nutrition", "friction")


def braden(patient, **scores):
    values = {key: 2 for key in SUBSCALES} | scores
    return BradenAssessment(patient=patient, recorded_by=patient.memberships.first().user, **values)


def test_the_braden_total_and_band_are_worked_out_on_save(circle):
    entry = braden(circle.patient)
    entry.save()
    entry.refresh_from_db()
    assert (entry.total, entry.band, entry.banding) == (12, "high", "v1")
    assert TimelineEntry.objects.get(entry_id=entry.pk).data == {"total": 12, "band": "high", "banding": "v1"}


def test_a_typed_braden_total_is_ignored_in_favour_of_the_answers(circle):
    entry = braden(circle.patient, total=23)
    entry.save()
    assert entry.total == 12


@pytest.mark.parametrize("key,score", [("sensory", 0), ("sensory", 5), ("moisture", 5), ("friction", 4)])
def test_out_of_range_braden_answers_are_refused_by_the_model(circle, key, score):
    entry = braden(circle.patient, **{key: score})
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert key in error.value.message_dict
    with pytest.raises(ValueError):
        entry.save()
    assert not BradenAssessment.objects.exists() and not TimelineEntry.objects.exists()


@pytest.mark.parametrize("total", [5, 24])
def test_the_database_refuses_a_braden_total_outside_6_to_23(circle, total):
    entry = braden(circle.patient)
    entry.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        BradenAssessment.objects.filter(pk=entry.pk).update(total=total)


def test_a_change_of_banding_does_not_rewrite_old_results(circle, monkeypatch):
    old = braden(circle.patient, sensory=3, moisture=3)  # total 14: moderate in v1
    old.save()
    stricter = scales.Banding(version="v2", bands=((16, 23, scales.BradenBand.NO_RISK),
                                                   (6, 15, scales.BradenBand.HIGH)),
                              description="test", source="test")
    monkeypatch.setitem(scales.BRADEN_BANDINGS, "v2", stricter)
    monkeypatch.setattr(scales, "CURRENT_BANDING", "v2")
    old.nutrition = 2
    old.save()  # an edit re-scores with the banding the entry was made with
    old.refresh_from_db()
    assert (old.banding, old.band) == ("v1", "moderate")
    new = braden(circle.patient, sensory=3, moisture=3)
    new.save()
    assert (new.banding, new.band) == ("v2", "high")


def mobility(patient, **values):
    return MobilityCheck(patient=patient, recorded_by=patient.memberships.first().user, **values)


def test_a_mobility_check_needs_at_least_one_measure(circle):
    entry = mobility(circle.patient, note="felt tired")
    with pytest.raises(ValidationError):
        entry.full_clean()
    with pytest.raises(ValidationError):
        entry.save()
    assert not MobilityCheck.objects.exists()


def test_the_mrc_sum_is_stored_only_when_all_twelve_are_graded(circle):
    partial = mobility(circle.patient, mrc={"elbow_flexion_left": 3})
    partial.save()
    full = mobility(circle.patient, mrc={key: 4 for key in scales.MRC_KEYS})
    full.save()
    assert (partial.mrc_sum, full.mrc_sum) == (None, 48)


@pytest.mark.parametrize("grades", [{"elbow_flexion_left": 6}, {"elbow_flexion_left": -1},
                                    {"neck_left": 3}, {"elbow_flexion_left": "4"}])
def test_bad_mrc_grades_are_refused_by_the_model(circle, grades):
    entry = mobility(circle.patient, mrc=grades)
    with pytest.raises(ValidationError):
        entry.full_clean()
    with pytest.raises(ValueError):
        entry.save()
    assert not MobilityCheck.objects.exists()


@pytest.mark.parametrize("field,value,ok", [
    ("chair_stand", 0, True), ("chair_stand", 60, True), ("chair_stand", 61, False),
    ("tug_seconds", Decimal("0.4"), False), ("tug_seconds", Decimal("0.5"), True),
    ("tug_seconds", Decimal("300"), True), ("tug_seconds", Decimal("300.1"), False),
    ("fac", 0, True), ("fac", 5, True), ("fac", 6, False),
    ("walk_distance_m", 0, False), ("walk_distance_m", 5000, True), ("walk_distance_m", 5001, False),
])
def test_mobility_measures_are_refused_outside_their_range(circle, field, value, ok):
    entry = mobility(circle.patient, **{field: value})
    if ok:
        entry.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert field in error.value.message_dict


def test_a_walk_takes_0_to_3_helpers_and_helpers_alone_are_not_a_walk(circle):
    mobility(circle.patient, walk_distance_m=10, walk_helpers=3).full_clean()
    mobility(circle.patient, walk_steps=10, walk_helpers=0).full_clean()
    with pytest.raises(ValidationError) as error:
        mobility(circle.patient, walk_distance_m=10, walk_helpers=4).full_clean()
    assert "walk_helpers" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        mobility(circle.patient, walk_helpers=2).full_clean()
    assert "walk_distance_m" in error.value.message_dict


def test_needing_the_arms_stores_a_chair_stand_score_of_zero(circle):
    entry = mobility(circle.patient, chair_stand=7, chair_stand_used_arms=True)
    entry.full_clean()
    entry.save()
    entry.refresh_from_db()
    assert entry.chair_stand == 0
    only_arms = mobility(circle.patient, chair_stand_used_arms=True)
    only_arms.save()
    assert only_arms.chair_stand == 0


def test_the_chair_stand_is_compared_with_the_age_reached_in_the_patients_year(circle):
    patient = circle.patient  # Europe/Madrid
    patient.year_of_birth, patient.sex = 1961, "female"
    patient.save()
    # 23:30 UTC on 31 December 2025 is already 2026 in Madrid: age 65 (women: below 11).
    at = datetime(2025, 12, 31, 23, 30, tzinfo=dt_timezone.utc)
    entry = mobility(patient, chair_stand=11, occurred_at=at)
    assert entry.age_at_check() == 65
    assert not entry.chair_stand_comparison().below
    entry.occurred_at = at - timedelta(hours=1)  # 23:30 in Madrid, still 2025: age 64 (women: below 12)
    assert entry.age_at_check() == 64
    assert entry.chair_stand_comparison().below


def test_the_timeline_line_says_when_the_chair_stand_is_below_the_table(circle):
    circle.patient.year_of_birth, circle.patient.sex = timezone.now().year - 77, "male"
    circle.patient.save()
    entry = mobility(circle.patient, chair_stand=10, tug_seconds=Decimal("12.0"))
    entry.save()
    data = TimelineEntry.objects.get(entry_id=entry.pk).data
    assert (data["chair_stand_below"], data["chair_stand_threshold"], data["tug_flag"]) == (True, 11, True)


def sarc_f(patient, falls=0, **items):
    values = {"strength": 0, "walking": 0, "rising": 0, "stairs": 0} | items
    return SarcF(patient=patient, recorded_by=patient.memberships.first().user, falls_past_year=falls, **values)


@pytest.mark.parametrize("falls,total", [(0, 2), (1, 3), (3, 3), (4, 4)])
def test_the_sarc_f_total_maps_falls_0_1_3_4_and_flags_from_4(circle, falls, total):
    entry = sarc_f(circle.patient, falls=falls, strength=1, walking=1)
    entry.save()
    assert entry.total == total
    assert entry.likely_sarcopenia is (total >= 4)


@pytest.mark.parametrize("field,value", [("stairs", 3), ("walking", -1), ("falls_past_year", 366)])
def test_out_of_range_sarc_f_answers_are_refused(circle, field, value):
    entry = sarc_f(circle.patient)
    setattr(entry, field, value)
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert field in error.value.message_dict


def test_each_series_is_one_query_oldest_first_without_deleted_or_other_patients(circle, django_assert_num_queries):
    now = timezone.now()
    for days, score in ((3, 1), (1, 2), (2, 3)):
        braden(circle.patient, sensory=score, occurred_at=now - timedelta(days=days)).save()
    gone = braden(circle.patient, occurred_at=now)
    gone.save()
    gone.soft_delete()
    braden(circle.other_patient).save()
    mobility(circle.patient, chair_stand=8, occurred_at=now - timedelta(days=2)).save()
    mobility(circle.patient, mrc={key: 5 for key in scales.MRC_KEYS}, occurred_at=now - timedelta(days=1)).save()
    with django_assert_num_queries(1):
        totals = series.braden_totals(circle.patient)
    assert [total for _when, total in totals] == [11, 13, 12]
    assert [when for when, _total in totals] == sorted(when for when, _total in totals)
    with django_assert_num_queries(1):
        scores = series.mobility_scores(circle.patient)
    assert [value for _w, value in scores["mrc_sum"]] == [60]
    assert [value for _w, value in scores["chair_stand"]] == [8]
    with django_assert_num_queries(1):
        assert series.sarc_f_totals(circle.patient) == []
