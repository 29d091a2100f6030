"""How each check's result reads: the score, what it means by the scale, the scale's
source, and what to do next. Used by the shared entry page (through the models'
display methods), by this app's templates and by the timeline's lines (``*_summary``)."""

import zoneinfo
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _, ngettext

from core.logs.lines import flag, message, number, strong, text

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


# --- Timeline lines (core.logs.lines): summary(data, line) with data from timeline_data() ---
# Plurals call ngettext with literal msgids right there: makemessages finds them only in the call.

def braden_summary(data, line):
    band = data.get("band")
    try:
        band_label = scales.BradenBand(band).label
    except ValueError:
        band_label = ""  # a band this version no longer knows: the total still reads
    attrs = ' class="flag"' if band in scales.BRADEN_FLAGGED_BANDS else ""
    result = message(_("%(total)s — %(band)s"), total=number(data.get("total")), band=band_label)
    head = strong(text(_("Bedsore risk (Braden)")))
    return mark_safe(f"{head}: <span{attrs}>{result}</span>")


def sarc_f_summary(data, line):
    result = message(_("%(total)s of %(max)s"), total=number(data.get("total")), max=number(scales.SARC_F_MAX))
    likely = " · " + flag(text(_("sarcopenia likely"))) if data.get("likely") else ""
    head = strong(text(_("Muscle loss questions (SARC-F)")))
    return mark_safe(f"{head}: {result}{likely}")


def mobility_summary(data, line):
    parts = (_mrc_part(data), _chair_stand_part(data), _tug_part(data), _fac_part(data), _walk_part(data),
             _helpers_part(data))
    spans = "".join(f"<span>{part}</span>" for part in parts if part)
    head = strong(text(_("Strength and walking check")))
    return mark_safe(f'{head}: <span class="summary-parts">{spans}</span>')


def _below(limit):
    return flag(message(_("(below %(limit)s)"), limit=number(limit)))


def _mrc_part(data):
    if data.get("mrc_sum") is not None:
        part = message(_("MRC %(total)s of %(max)s"), total=number(data["mrc_sum"]), max=number(scales.MRC_SUM_MAX))
        return mark_safe(f"{part} {_below(scales.MRC_WEAKNESS_BELOW)}") if data.get("mrc_weak") else part
    if data.get("mrc_graded"):
        count = data["mrc_graded"]
        return message(ngettext("%(n)s muscle graded", "%(n)s muscles graded", count), n=number(count))
    return ""


def _chair_stand_part(data):
    if data.get("chair_stand") is None:
        return ""
    part = message(_("chair stand %(n)s"), n=number(data["chair_stand"]))
    if data.get("used_arms"):
        part = mark_safe(f"{part} " + text(_("(needed arms)")))
    if data.get("chair_stand_below"):
        part = mark_safe(f"{part} {_below(data.get('chair_stand_threshold'))}")
    return part


def _tug_part(data):
    if data.get("tug") is None:
        return ""
    part = message(_("Up and Go %(seconds)s s"), seconds=number(data["tug"], 1))
    return mark_safe(f"{part} " + flag(text(_("(fall risk)")))) if data.get("tug_flag") else part


def _fac_part(data):
    return message(_("FAC %(n)s"), n=number(data["fac"])) if data.get("fac") is not None else ""


def _walk_part(data):
    if data.get("walk_m"):
        return message(_("walked %(m)s m"), m=number(data["walk_m"]))
    if data.get("walk_steps"):
        count = data["walk_steps"]
        return message(ngettext("walked %(n)s step", "walked %(n)s steps", count), n=number(count))
    return ""


def _helpers_part(data):
    count = data.get("walk_helpers")
    return message(ngettext("%(n)s helper", "%(n)s helpers", count), n=number(count)) if count else ""
