"""Screening thresholds at their band edges: calf (AWGS 2019), upper arm, weight loss (ASPEN)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from core.measurements import rules
from core.measurements.models import Measurement
from core.patients.models import Sex


@pytest.mark.parametrize("sex,value,low", [
    (Sex.MALE, "33.9", True), (Sex.MALE, "34.0", False), (Sex.MALE, "33.99", True),
    (Sex.FEMALE, "32.9", True), (Sex.FEMALE, "33.0", False), (Sex.FEMALE, "33.9", False),
    ("", "20.0", False),  # sex not recorded: no cut-off applies, whatever the size
])
def test_calf_is_flagged_under_the_awgs_cut_off_for_the_patients_sex(sex, value, low):
    assert bool(rules.calf_flags(sex, left_cm=Decimal(value))) is low
    assert bool(rules.calf_flags(sex, right_cm=Decimal(value))) is low


def test_each_calf_is_flagged_on_its_own_side():
    flags = rules.calf_flags(Sex.FEMALE, left_cm=Decimal("35"), right_cm=Decimal("31.5"))
    assert [(f.side, f.value_cm, f.below_cm) for f in flags] == [("right", Decimal("31.5"), Decimal("33"))]


def test_calf_values_from_the_timeline_json_are_read_exactly():
    assert rules.calf_flags(Sex.MALE, left_cm=34.0) == []
    assert rules.calf_flags(Sex.MALE, left_cm=33.9)[0].value_cm == Decimal("33.9")


@pytest.mark.parametrize("value,low", [("25.0", True), ("25.01", False), ("25.1", False), ("23.5", True),
                                       (None, False)])
def test_upper_arm_is_flagged_at_or_under_25_cm(value, low):
    assert rules.muac_is_low(Decimal(value) if value else None) is low


# --- weight loss ------------------------------------------------------------------------

@pytest.fixture
def weigh(circle):
    now = timezone.now()

    def make(kg, days_ago, method=Measurement.Method.BED_SCALE, deleted=False):
        entry = Measurement.objects.create(patient=circle.patient, recorded_by=circle.caregiver,
                                           weight_kg=Decimal(kg), weight_method=method,
                                           occurred_at=now - timedelta(days=days_ago))
        if deleted:
            entry.soft_delete()
        return entry

    return make


def alert(circle, entry):
    return rules.weight_alert(circle.patient, entry)


@pytest.mark.parametrize("kg,expected", [("95.1", None), ("95.0", "month"), ("94.0", "month")])
def test_a_loss_of_5_percent_in_a_month_alerts_and_4_9_does_not(kg, expected, circle, weigh):
    weigh("100.0", days_ago=20)
    entry = weigh(kg, days_ago=0)
    result = alert(circle, entry)
    assert (result.window if result else None) == expected


@pytest.mark.parametrize("kg,expected", [("90.1", None), ("90.0", "six_months")])
def test_a_loss_of_10_percent_in_six_months_alerts_and_9_9_does_not(kg, expected, circle, weigh):
    weigh("100.0", days_ago=120)
    entry = weigh(kg, days_ago=0)
    result = alert(circle, entry)
    assert (result.window if result else None) == expected


def test_the_alert_gives_the_loss_in_percent(circle, weigh):
    weigh("80.0", days_ago=10)
    result = alert(circle, weigh("75.5", days_ago=0))
    assert result.shown_percent == Decimal("5.6") and result.heaviest_kg == Decimal("80.00")


def test_only_the_heaviest_weight_of_the_window_counts(circle, weigh):
    weigh("100.0", days_ago=25)   # the heaviest in the month
    weigh("96.0", days_ago=5)     # from here, 94.9 would be only a 1.1 % loss
    result = alert(circle, weigh("94.9", days_ago=0))
    assert result.window == "month" and result.shown_percent == Decimal("5.1")


def test_a_weight_older_than_the_window_does_not_count(circle, weigh):
    weigh("100.0", days_ago=31)   # outside the month, inside six months: 6 % is under 10 %
    assert alert(circle, weigh("94.0", days_ago=0)) is None
    weigh("120.0", days_ago=183)  # outside six months
    assert alert(circle, weigh("94.0", days_ago=0)) is None


def test_a_weight_exactly_30_days_before_is_inside_the_month(circle, weigh):
    entry = weigh("95.0", days_ago=0)
    Measurement.objects.create(patient=circle.patient, weight_kg=Decimal("100"), weight_method="bed_scale",
                               occurred_at=entry.occurred_at - timedelta(days=30))
    assert alert(circle, entry).window == "month"


def test_only_earlier_weights_count_not_later_ones_nor_deleted_ones(circle, weigh):
    entry = weigh("90.0", days_ago=10)
    weigh("100.0", days_ago=5)    # after the entry
    weigh("100.0", days_ago=12, deleted=True)
    assert alert(circle, entry) is None


def test_another_patients_weights_do_not_count(circle, weigh):
    Measurement.objects.create(patient=circle.other_patient, weight_kg=Decimal("150"), weight_method="bed_scale",
                               occurred_at=timezone.now() - timedelta(days=3))
    assert alert(circle, weigh("80.0", days_ago=0)) is None


def test_an_estimated_weight_is_compared_and_the_alert_says_it_was_estimated(circle, weigh):
    weigh("70.0", days_ago=14)
    result = alert(circle, weigh("60.0", days_ago=0, method=Measurement.Method.ESTIMATED))
    assert result.window == "month" and result.estimated


def test_a_measurement_without_a_weight_has_no_weight_alert(circle, weigh):
    weigh("100", days_ago=3)
    entry = Measurement.objects.create(patient=circle.patient, calf_left_cm=Decimal("30"))
    assert alert(circle, entry) is None


def test_the_month_message_says_what_to_do_without_naming_a_condition():
    with translation.override("en"):
        text = str(rules.weight_alert_message("month", "5.2"))
    assert text == "Weight is down 5.2 % in a month — this can matter; tell the clinician or dietitian."
    with translation.override("en"):
        assert "malnutrition" not in str(rules.weight_alert_message("six_months", "10.0")).lower()


def test_the_weight_alert_is_one_query(circle, weigh, django_assert_num_queries):
    for days in range(1, 60, 3):
        weigh("80", days_ago=days)
    entry = weigh("70", days_ago=0)
    with django_assert_num_queries(1):
        alert(circle, entry)
