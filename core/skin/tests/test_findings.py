"""What a finding may be: never reverse-staged, mucosal never staged, sites and sides that exist."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.logs.lines import Line
from core.logs.models import TimelineEntry
from core.skin import staging
from core.skin.display import summary
from core.skin.models import Finding

from .factories import make_check, make_finding


def finding_at(circle, *, days_ago=0, **fields):
    check = make_check(circle.patient, circle.caregiver, days_ago=days_ago)
    fields.setdefault("site", "sacrum")
    fields.setdefault("side", "centre")
    return Finding(skin_check=check, **fields)


def errors_of(finding):
    with pytest.raises(ValidationError) as refused:
        finding.full_clean()
    return refused.value.message_dict


# --- Never reverse-stage (clinical.md §1.1) -----------------------------------

def test_a_later_finding_cannot_be_recorded_at_a_lower_stage(circle):
    make_finding(circle.patient, circle.caregiver, days_ago=7, site="sacrum", side="centre", category="stage_3")
    later = finding_at(circle, category="stage_2", healing="healing")
    message = " ".join(errors_of(later)["category"])
    assert "Stage 3" in message and "keeps its worst stage" in message


def test_a_healing_stage_3_stays_stage_3_and_keeps_its_worst_stage(circle):
    make_finding(circle.patient, circle.caregiver, days_ago=7, site="sacrum", side="centre", category="stage_3")
    later = finding_at(circle, category="stage_3", healing="healing")
    later.full_clean()
    later.save()
    assert later.worst_stage == "stage_3"
    assert later.get_healing_display() == "Healing"


def test_a_site_may_get_worse(circle):
    make_finding(circle.patient, circle.caregiver, days_ago=7, site="heel", side="left", category="stage_1")
    worse = finding_at(circle, site="heel", side="left", category="stage_4")
    worse.full_clean()
    worse.save()
    assert worse.worst_stage == "stage_4"


def test_the_other_heel_is_another_place(circle):
    make_finding(circle.patient, circle.caregiver, days_ago=7, site="heel", side="left", category="stage_4")
    finding_at(circle, site="heel", side="right", category="stage_1").full_clean()


def test_another_patients_stage_does_not_count(circle):
    make_finding(circle.other_patient, circle.stranger, days_ago=7, site="sacrum", side="centre",
                 category="stage_4")
    finding_at(circle, category="stage_1").full_clean()


def test_a_deleted_check_no_longer_holds_its_stage(circle):
    # Deleting a mistaken check is how a wrong stage is corrected.
    mistake = make_finding(circle.patient, circle.caregiver, site="sacrum", side="centre", days_ago=2,
                           category="stage_4")
    mistake.skin_check.soft_delete()
    finding_at(circle, category="stage_2").full_clean()


@pytest.mark.parametrize("deep", ["unstageable", "dtpi"])
@pytest.mark.parametrize("later, allowed", [("stage_1", False), ("stage_2", False), ("unsure", False),
                                             ("stage_3", True), ("stage_4", True)])
def test_unstageable_and_deep_tissue_injuries_can_be_staged_later_but_never_as_shallow(circle, deep, later,
                                                                                      allowed):
    make_finding(circle.patient, circle.caregiver, site="sacrum", side="centre", days_ago=3, category=deep)
    finding = finding_at(circle, category=later)
    if allowed:
        finding.full_clean()
    else:
        assert "category" in errors_of(finding)


def test_a_stage_4_is_not_recorded_as_unstageable_later(circle):
    make_finding(circle.patient, circle.caregiver, site="sacrum", side="centre", days_ago=3, category="stage_4")
    assert "category" in errors_of(finding_at(circle, category="unstageable"))


def test_an_earlier_finding_written_down_later_cannot_be_deeper_than_what_came_after(circle):
    make_finding(circle.patient, circle.caregiver, site="sacrum", side="centre", days_ago=1, category="stage_2")
    backdated = finding_at(circle, days_ago=5, category="stage_3")
    assert "later check" in " ".join(errors_of(backdated)["category"])


def test_an_earlier_shallower_finding_can_be_written_down_later(circle):
    make_finding(circle.patient, circle.caregiver, site="sacrum", side="centre", days_ago=1, category="stage_3")
    finding_at(circle, days_ago=5, category="stage_2").full_clean()


def test_moving_a_check_in_time_cannot_reverse_a_stage(circle):
    make_finding(circle.patient, circle.caregiver, site="sacrum", side="centre", days_ago=5, category="stage_2")
    deeper = make_finding(circle.patient, circle.caregiver, site="sacrum", side="centre", days_ago=1,
                          category="stage_3")
    check = deeper.skin_check
    check.occurred_at = check.occurred_at - timedelta(days=10)
    with pytest.raises(ValidationError) as refused:
        check.full_clean()
    assert "occurred_at" in refused.value.message_dict


def test_not_sure_is_fine_for_a_new_place(circle):
    finding = finding_at(circle, category="unsure")
    finding.full_clean()
    finding.save()
    assert finding.worst_stage == "unsure"


# --- Mucosal injuries cannot be staged ------------------------------------------

def test_a_mucosal_injury_is_only_on_a_mucous_membrane(circle):
    assert "category" in errors_of(finding_at(circle, site="sacrum", side="centre", category="mucosal"))


def test_a_mucosal_injury_carries_no_stage_and_is_device_related(circle):
    finding = finding_at(circle, site="lips", side="centre", category="mucosal")
    finding.full_clean()
    finding.save()
    assert finding.worst_stage == ""
    assert finding.device_related is True


def test_the_database_refuses_a_stage_on_a_mucosal_injury(circle):
    finding = make_finding(circle.patient, circle.caregiver, site="nose", side="centre", category="mucosal")
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(worst_stage="stage_2")


def test_a_mucosal_injury_neither_raises_nor_lowers_the_stage_of_the_place(circle):
    make_finding(circle.patient, circle.caregiver, days_ago=4, site="lips", side="centre", category="stage_3")
    make_finding(circle.patient, circle.caregiver, days_ago=2, site="lips", side="centre", category="mucosal")
    assert "category" in errors_of(finding_at(circle, site="lips", side="centre", category="stage_1"))
    finding_at(circle, site="lips", side="centre", category="stage_3").full_clean()


def test_mucosal_is_not_in_the_staging_order():
    assert staging.depth("mucosal") is None
    assert staging.worst(["mucosal"]) == ""
    assert staging.worst(["stage_2", "mucosal", "stage_1"]) == "stage_2"


# --- Sites, sides and the rest ---------------------------------------------------

@pytest.mark.parametrize("site, side, ok", [
    ("sacrum", "centre", True), ("sacrum", "left", False), ("heel", "left", True), ("heel", "centre", False),
    ("nose", "left", True), ("nose", "centre", True), ("spine", "right", False)])
def test_each_site_has_the_sides_it_really_has(circle, site, side, ok):
    finding = finding_at(circle, site=site, side=side, category="stage_1")
    if ok:
        finding.full_clean()
    else:
        assert "side" in errors_of(finding)


def test_somewhere_else_needs_to_say_where(circle):
    assert "site_other" in errors_of(finding_at(circle, site="other", side="left", category="stage_1"))
    finding_at(circle, site="other", side="left", site_other="Behind the ear", category="stage_1").full_clean()


def test_a_stage_1_does_not_blanch(circle):
    assert "blanch" in errors_of(finding_at(circle, category="stage_1", blanch="blanches"))


@pytest.mark.parametrize("length, width, field", [
    ("0", "1", "length_cm"), ("1", "0", "width_cm"), ("50.1", "1", "length_cm"), ("-1", "1", "length_cm"),
    ("2", None, "width_cm"), (None, "2", "length_cm")])
def test_sizes_are_above_0_and_at_most_50_cm_and_come_in_pairs(circle, length, width, field):
    finding = finding_at(circle, category="stage_2", length_cm=Decimal(length) if length else None,
                         width_cm=Decimal(width) if width else None)
    assert field in errors_of(finding)


def test_sizes_at_the_limits_are_accepted(circle):
    finding_at(circle, category="stage_2", length_cm=Decimal("50"), width_cm=Decimal("0.1")).full_clean()


def test_pain_is_0_to_10(circle):
    assert "pain" in errors_of(finding_at(circle, category="stage_2", pain=11))
    finding_at(circle, category="stage_2", pain=10).full_clean()


def test_a_kind_of_fluid_needs_some_fluid(circle):
    assert "exudate_type" in errors_of(finding_at(circle, category="stage_2", exudate_amount="none",
                                                  exudate_type="purulent"))


def test_a_device_named_makes_the_finding_device_related(circle):
    finding = finding_at(circle, site="ear", side="left", category="stage_1", device="oxygen tube")
    finding.full_clean()
    assert finding.device_related


@pytest.mark.parametrize("fields, needs", [
    ({"category": "stage_1"}, False), ({"category": "unsure"}, False),
    ({"category": "stage_2"}, True), ({"category": "stage_3"}, True), ({"category": "stage_4"}, True),
    ({"category": "unstageable"}, True), ({"category": "dtpi"}, True),
    ({"category": "stage_1", "odour": True}, True),
    ({"category": "stage_1", "periwound_inflamed": True}, True),
    ({"category": "stage_1", "exudate_amount": "light", "exudate_type": "purulent"}, True),
    ({"category": "stage_1", "exudate_amount": "light", "exudate_type": "serous"}, False)])
def test_stage_2_or_worse_or_signs_of_infection_need_a_clinician(fields, needs):
    assert Finding(site="sacrum", side="centre", **fields).needs_clinician is needs


def test_the_push_score_appears_only_with_all_its_inputs(circle):
    finding = finding_at(circle, category="stage_3", length_cm=Decimal("2.0"), width_cm=Decimal("1.5"),
                         exudate_amount="moderate")
    assert finding.push_score is None
    finding.tissue = "slough"
    assert finding.area_cm2 == Decimal("3.00")
    assert finding.push_score == 5 + 2 + 3


def test_the_timeline_line_counts_findings_and_names_the_worst(circle):
    check = make_check(circle.patient, circle.caregiver)
    make_finding(circle.patient, circle.caregiver, check=check, site="heel", side="left", category="stage_1")
    make_finding(circle.patient, circle.caregiver, check=check, site="sacrum", side="centre", category="stage_3")
    data = TimelineEntry.objects.get(entry_id=check.pk).data
    assert data == {"all_clear": False, "findings": 2, "worst": "stage_3", "clinician": True}


def test_the_summary_names_every_category_it_may_be_given(circle, client_for):
    line = Line(user=circle.caregiver, patient=circle.patient, prefix="")
    for category in staging.Category:
        html = summary({"findings": 1, "worst": category.value}, line)
        assert str(category.label) in html
