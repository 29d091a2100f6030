"""What the generic entry page (core.logs) shows for a measurement or a meal.

That page lists each field through the model's ``get_<field>_display()``; these render small
partials so the page also shows the screening flags and both units (kg and lb, cm and in) —
it cannot know the reader's unit preference.
"""

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import mark_safe

from . import rules
from .units import Units, format_value, isolate


def _both(quantity, metric_value):
    return [isolate(format_value(quantity, Units.METRIC, metric_value)),
            isolate(format_value(quantity, Units.IMPERIAL, metric_value))]


def _render(template, context):
    return mark_safe(render_to_string(template, context).strip())


def weight_detail(entry):
    if entry.weight_kg is None:
        return ""
    alert = entry.weight_alert()
    message = ""
    if alert:
        percent = isolate(formats.number_format(alert.shown_percent, decimal_pos=1, use_l10n=True))
        message = rules.weight_alert_message(alert.window, percent)
    return _render("measurements/_detail_weight.html", {
        "values": _both("weight", entry.weight_kg), "alert": alert, "message": message,
        "estimated_note": rules.ESTIMATED_NOTE})


def calf_detail(entry, side):
    value = entry.calf_left_cm if side == "left" else entry.calf_right_cm
    if value is None:
        return ""
    flag = next((f for f in entry.calf_flags() if f.side == side), None)
    return _render("measurements/_detail_calf.html", {
        "values": _both("length", value), "flag": flag, "source": rules.CALF_SOURCE,
        "cutoff": isolate(format_value("length", Units.METRIC, flag.below_cm)) if flag else "",
        "oedema": entry.oedema})


def muac_detail(entry):
    if entry.muac_cm is None:
        return ""
    return _render("measurements/_detail_muac.html", {
        "values": _both("length", entry.muac_cm), "low": entry.muac_is_low, "source": rules.MUAC_SOURCE,
        "low_from": isolate(format_value("length", Units.METRIC, rules.MUAC_LOW_RANGE_CM[0])),
        "low_to": isolate(format_value("length", Units.METRIC, rules.MUAC_LOW_RANGE_CM[1]))})


def oedema_detail(entry):
    return _render("measurements/_detail_oedema.html", {"oedema": entry.oedema})


def swallowing_detail(entry):
    return _render("measurements/_detail_swallowing.html", {"coughing": entry.coughing_or_choking})
