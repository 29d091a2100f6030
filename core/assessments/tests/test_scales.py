"""Every band edge of every scale, exactly as reference/clinical.md gives it."""

from decimal import Decimal

import pytest
from django.utils import translation

from core.assessments import scales
from core.assessments.scales import BradenBand, NoComparison

# --- Braden (clinical.md §2.1) -------------------------------------------------


@pytest.mark.parametrize("total,band", [
    (6, BradenBand.VERY_HIGH), (9, BradenBand.VERY_HIGH),
    (10, BradenBand.HIGH), (12, BradenBand.HIGH),
    (13, BradenBand.MODERATE), (14, BradenBand.MODERATE),
    (15, BradenBand.AT_RISK), (18, BradenBand.AT_RISK),
    (19, BradenBand.NO_RISK), (23, BradenBand.NO_RISK),
])
def test_braden_totals_fall_in_the_v1_bands_at_every_edge(total, band):
    assert scales.braden_band(total, "v1") == band


@pytest.mark.parametrize("total", [5, 24, 0, -1, None, "12", 12.0, True])
def test_a_braden_total_outside_6_to_23_cannot_be_banded(total):
    with pytest.raises(ValueError):
        scales.braden_band(total)


def test_the_v1_banding_covers_every_total_once():
    covered = [t for low, high, _band in scales.BRADEN_BANDINGS["v1"].bands for t in range(low, high + 1)]
    assert sorted(covered) == list(range(6, 24))


def test_five_braden_subscales_score_1_to_4_and_friction_1_to_3():
    ranges = {s.key: (s.lowest, s.highest) for s in scales.BRADEN_SUBSCALES}
    assert ranges == {"sensory": (1, 4), "moisture": (1, 4), "activity": (1, 4), "mobility": (1, 4),
                      "nutrition": (1, 4), "friction": (1, 3)}


def test_braden_level_names_are_the_ones_in_the_reference_table():
    with translation.override("en"):
        names = {s.key: [str(level.name) for level in s.levels] for s in scales.BRADEN_SUBSCALES}
    assert names["sensory"] == ["Completely limited", "Very limited", "Slightly limited", "No impairment"]
    assert names["moisture"] == ["Constantly moist", "Very moist", "Occasionally moist", "Rarely moist"]
    assert names["activity"] == ["Bedfast", "Chairfast", "Walks occasionally", "Walks frequently"]
    assert names["mobility"] == ["Completely immobile", "Very limited", "Slightly limited", "No limitation"]
    assert names["nutrition"] == ["Very poor", "Probably inadequate", "Adequate", "Excellent"]
    assert names["friction"] == ["Problem", "Potential problem", "No apparent problem"]


def all_at(score, friction=None):
    scores = {s.key: score for s in scales.BRADEN_SUBSCALES}
    scores["friction"] = friction if friction is not None else min(score, 3)
    return scores


def test_the_lowest_answers_total_6_and_the_highest_total_23():
    assert scales.braden_total(all_at(1)) == 6
    assert scales.braden_total(all_at(4, friction=3)) == 23


@pytest.mark.parametrize("key,score", [("sensory", 0), ("sensory", 5), ("friction", 4), ("nutrition", None),
                                       ("moisture", True)])
def test_a_subscale_answer_out_of_range_is_refused(key, score):
    with pytest.raises(ValueError):
        scales.braden_total({**all_at(2), key: score})


@pytest.mark.parametrize("band,group,hours", [
    (BradenBand.NO_RISK, None, None),
    (BradenBand.AT_RISK, scales.NICE_AT_RISK, 6),
    (BradenBand.MODERATE, scales.NICE_HIGH_RISK, 4),
    (BradenBand.HIGH, scales.NICE_HIGH_RISK, 4),
    (BradenBand.VERY_HIGH, scales.NICE_HIGH_RISK, 4),
])
def test_turning_is_compared_with_the_nice_outer_limits_of_6_and_4_hours(band, group, hours):
    assert scales.turning_limit(band) == (group, hours)


# --- MRC (clinical.md §5) -------------------------------------------------------


def all_graded(grade):
    return {key: grade for key in scales.MRC_KEYS}


def test_the_mrc_sum_score_tests_six_muscle_groups_on_both_sides():
    assert len(scales.MRC_KEYS) == 12
    assert {key.rsplit("_", 1)[0] for key in scales.MRC_KEYS} == {
        "shoulder_abduction", "elbow_flexion", "wrist_extension", "hip_flexion", "knee_extension",
        "ankle_dorsiflexion"}


@pytest.mark.parametrize("grade", [0, 1, 2, 3, 4, 5])
def test_mrc_grades_0_to_5_are_accepted(grade):
    assert scales.mrc_problems({"elbow_flexion_left": grade}) == []
    assert scales.mrc_sum(all_graded(grade)) == grade * 12


@pytest.mark.parametrize("grade", [6, -1, "3", 2.5, True])
def test_mrc_grades_outside_0_to_5_are_refused(grade):
    assert scales.mrc_problems({"elbow_flexion_left": grade})
    with pytest.raises(ValueError):
        scales.mrc_sum({"elbow_flexion_left": grade})


def test_an_unknown_muscle_group_is_refused():
    assert scales.mrc_problems({"neck_flexion_left": 3})


def test_the_mrc_sum_is_only_given_when_all_twelve_are_graded():
    eleven = all_graded(5)
    del eleven["ankle_dorsiflexion_right"]
    assert scales.mrc_sum(eleven) is None
    assert scales.mrc_sum({}) is None
    assert scales.mrc_sum(all_graded(5)) == 60
    assert scales.mrc_sum(all_graded(0)) == 0


def test_an_mrc_sum_of_47_is_below_the_weakness_threshold_and_48_is_not():
    grades = all_graded(4)  # 48
    assert scales.mrc_sum(grades) == 48
    assert not scales.mrc_below_weakness_threshold(48)
    grades["knee_extension_left"] = 3
    assert scales.mrc_sum(grades) == 47
    assert scales.mrc_below_weakness_threshold(47)
    assert not scales.mrc_below_weakness_threshold(None)


# --- 30-second chair stand (clinical.md §5, CDC STEADI) ---------------------------

TABLE = [  # (ages, men below, women below) copied from clinical.md
    ((60, 64), 14, 12), ((65, 69), 12, 11), ((70, 74), 12, 10), ((75, 79), 11, 10),
    ((80, 84), 10, 9), ((85, 89), 8, 8), ((90, 94), 7, 4),
]
CASES = [(age, sex, value) for (low, high), men, women in TABLE
         for age in (low, high) for sex, value in (("male", men), ("female", women))]


@pytest.mark.parametrize("age,sex,value", CASES)
def test_a_count_one_below_the_table_value_is_flagged_and_the_value_itself_is_not(age, sex, value):
    below = scales.compare_chair_stand(value - 1, age, sex)
    at = scales.compare_chair_stand(value, age, sex)
    above = scales.compare_chair_stand(value + 1, age, sex)
    assert (below.threshold, below.below) == (value, True)
    assert (at.threshold, at.below) == (value, False)
    assert (above.threshold, above.below) == (value, False)


@pytest.mark.parametrize("age,youngest", [(60, 60), (64, 60), (65, 65), (69, 65), (70, 70), (74, 70), (75, 75),
                                          (79, 75), (80, 80), (84, 80), (85, 85), (89, 85), (90, 90), (94, 90)])
def test_each_age_falls_in_its_five_year_band(age, youngest):
    assert scales.compare_chair_stand(10, age, "female").youngest == youngest


@pytest.mark.parametrize("age", [59, 95, 30, 101])
def test_ages_outside_60_to_94_get_no_comparison_and_say_why(age):
    result = scales.compare_chair_stand(3, age, "male")
    assert result.threshold is None and not result.below
    assert result.no_comparison == NoComparison.AGE_OUTSIDE


def test_without_age_or_sex_there_is_no_comparison():
    assert scales.compare_chair_stand(3, None, "male").no_comparison == NoComparison.NO_AGE
    assert scales.compare_chair_stand(3, 70, "").no_comparison == NoComparison.NO_SEX
    assert not scales.compare_chair_stand(3, 70, "").below


def test_needing_the_arms_scores_zero():
    assert scales.chair_stand_score(9, used_arms=True) == 0
    assert scales.chair_stand_score(None, used_arms=True) == 0
    assert scales.chair_stand_score(9, used_arms=False) == 9


# --- Timed Up and Go, FAC (clinical.md §5) -----------------------------------------


@pytest.mark.parametrize("seconds,flagged", [(Decimal("11.9"), False), (Decimal("12.0"), True), (12, True),
                                             (Decimal("0.5"), False), (Decimal("300"), True), (None, False)])
def test_a_timed_up_and_go_of_12_seconds_or_more_is_flagged(seconds, flagged):
    assert scales.tug_fall_risk(seconds) is flagged


def test_the_functional_ambulation_categories_run_from_0_to_5():
    assert [score for score, _label in scales.FAC_CHOICES] == [0, 1, 2, 3, 4, 5]


# --- SARC-F (clinical.md §5) ---------------------------------------------------------


@pytest.mark.parametrize("falls,score", [(0, 0), (1, 1), (3, 1), (4, 2), (20, 2)])
def test_falls_in_the_past_year_score_0_none_1_for_one_to_three_2_for_four_or_more(falls, score):
    assert scales.sarc_f_falls_score(falls) == score


@pytest.mark.parametrize("falls", [-1, None, "2", True])
def test_a_falls_count_that_is_not_a_count_is_refused(falls):
    with pytest.raises(ValueError):
        scales.sarc_f_falls_score(falls)


def test_sarc_f_items_score_0_to_2_and_the_total_is_0_to_10():
    none = {item.key: 0 for item in scales.SARC_F_ITEMS}
    worst = {item.key: 2 for item in scales.SARC_F_ITEMS}
    assert scales.sarc_f_total(none, 0) == 0
    assert scales.sarc_f_total(worst, 4) == 10
    with pytest.raises(ValueError):
        scales.sarc_f_total({**none, "stairs": 3}, 0)


@pytest.mark.parametrize("total,likely", [(0, False), (3, False), (4, True), (10, True)])
def test_a_sarc_f_total_of_4_or_more_suggests_sarcopenia(total, likely):
    assert scales.sarc_f_likely(total) is likely
