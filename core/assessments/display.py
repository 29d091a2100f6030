"""How each check's result reads: the score, what it means by the scale, the scale's
source, and what to do next. Used by the shared entry page (through the models'
display methods) and by this app's templates."""

import zoneinfo
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from . import scales


def local_year(moment, patient):
    try:
        zone = zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return moment.astimezone(zone).year


def scored(value, choices):
    """'2 · Very limited' for a scored answer; None (shown as a dash) when not answered."""
    if value is None:
        return None
    label = dict(choices).get(value)
    return f"{value} · {label}" if label else str(value)


@dataclass(frozen=True)
class BradenResult:
    total: int
    band: str
    band_label: str
    banding: scales.Banding
    flagged: bool
    turning_group: str | None  # scales.NICE_AT_RISK / NICE_HIGH_RISK
    limit_hours: int | None
    low_subscales: list  # (subscale, level) answered at the lowest level: act on these too


def braden_result_data(entry):
    banding = scales.BRADEN_BANDINGS.get(entry.banding) or scales.BRADEN_BANDINGS[scales.current_banding()]
    low = [(subscale, subscale.level(getattr(entry, subscale.key))) for subscale in scales.BRADEN_SUBSCALES
           if getattr(entry, subscale.key) == subscale.lowest]
    group, hours = scales.turning_limit(entry.band)
    return BradenResult(
        total=entry.total, band=entry.band, band_label=scales.BradenBand(entry.band).label, banding=banding,
        flagged=entry.band in scales.BRADEN_FLAGGED_BANDS, turning_group=group, limit_hours=hours,
        low_subscales=low)


def braden_result(entry):
    return render_to_string("assessments/_braden_result.html", {
        "entry": entry, "result": braden_result_data(entry), "scales": scales_context()})


def mrc_result(entry):
    rows = [(label, [entry.mrc.get(f"{group}_{side}") for side, _side in scales.SIDES])
            for group, label in scales.MRC_GROUPS]
    return render_to_string("assessments/_mrc_result.html", {
        "entry": entry, "rows": rows, "sides": [label for _key, label in scales.SIDES],
        "graded": len(entry.mrc), "weak": scales.mrc_below_weakness_threshold(entry.mrc_sum),
        "scales": scales_context()})


def chair_stand_result(entry):
    comparison = entry.chair_stand_comparison()
    return render_to_string("assessments/_chair_stand_result.html", {
        "entry": entry, "comparison": comparison, "age": entry.age_at_check(),
        "reason": scales.NoComparison(comparison.no_comparison).label if comparison.no_comparison else "",
        "scales": scales_context()})


def tug_result(entry):
    return render_to_string("assessments/_tug_result.html", {
        "entry": entry, "flag": scales.tug_fall_risk(entry.tug_seconds), "scales": scales_context()})


def sarc_f_result(entry):
    return render_to_string("assessments/_sarc_f_result.html", {
        "entry": entry, "likely": entry.likely_sarcopenia, "scales": scales_context()})


def falls_result(entry):
    if entry.falls_past_year is None:
        return None
    return _("%(falls)s → scores %(score)s") % {"falls": entry.falls_past_year, "score": entry.falls_score}


def scales_context():
    """The scales' numbers and sources, for templates (no number is typed into a template)."""
    return {
        "braden_source": scales.BRADEN_SOURCE, "turning_source": scales.TURNING_SOURCE,
        "customary_hours": scales.CUSTOMARY_START_HOURS, "nice_high_risk": scales.NICE_HIGH_RISK,
        "mrc_source": scales.MRC_SOURCE, "mrc_max": scales.MRC_SUM_MAX, "mrc_groups": len(scales.MRC_KEYS), "mrc_threshold": scales.MRC_WEAKNESS_BELOW,
        "chair_stand_source": scales.CHAIR_STAND_SOURCE, "tug_source": scales.TUG_SOURCE,
        "tug_from": scales.TUG_FALL_RISK_FROM, "sarc_f_source": scales.SARC_F_SOURCE,
        "sarc_f_max": scales.SARC_F_MAX, "sarc_f_from": scales.SARC_F_LIKELY_FROM,
    }
