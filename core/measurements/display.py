"""What the generic entry page (core.logs) shows for a measurement or a meal.

That page lists each field through the model's ``get_<field>_display()``; these render small
partials so the page also shows the screening flags and both units (kg and lb, cm and in), the
reader's own first (the page sets ``entry.reader``). The timeline's lines (``*_summary``) show
each value in the reader's units only.
"""

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _, ngettext

from core.logs.lines import flag, join, message, number, strong, text

from . import rules
from .units import Units, format_value, isolate, resolve_units, shown


def _both(quantity, metric_value, reader=None):
    """Both units, the reader's own first (the entry page sets ``entry.reader``)."""
    first = resolve_units(reader) if reader is not None else Units.METRIC
    second = Units.IMPERIAL if first == Units.METRIC else Units.METRIC
    return [shown(quantity, first, metric_value), shown(quantity, second, metric_value)]


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
        "values": _both("weight", entry.weight_kg, getattr(entry, "reader", None)), "alert": alert, "message": message,
        "estimated_note": rules.ESTIMATED_NOTE})


def calf_detail(entry, side):
    value = entry.calf_left_cm if side == "left" else entry.calf_right_cm
    if value is None:
        return ""
    flag = next((f for f in entry.calf_flags() if f.side == side), None)
    return _render("measurements/_detail_calf.html", {
        "values": _both("length", value, getattr(entry, "reader", None)), "flag": flag, "source": rules.CALF_SOURCE,
        "cutoff": isolate(format_value("length", Units.METRIC, flag.below_cm)) if flag else "",
        "oedema": entry.oedema})


def muac_detail(entry):
    if entry.muac_cm is None:
        return ""
    return _render("measurements/_detail_muac.html", {
        "values": _both("length", entry.muac_cm, getattr(entry, "reader", None)), "low": entry.muac_is_low, "source": rules.MUAC_SOURCE,
        "low_from": isolate(format_value("length", Units.METRIC, rules.MUAC_LOW_RANGE_CM[0])),
        "low_to": isolate(format_value("length", Units.METRIC, rules.MUAC_LOW_RANGE_CM[1]))})


def oedema_detail(entry):
    return _render("measurements/_detail_oedema.html", {"oedema": entry.oedema})


def swallowing_detail(entry):
    return _render("measurements/_detail_swallowing.html", {"coughing": entry.coughing_or_choking})


# --- Timeline lines (core.logs.lines): summary(data, line) with data from timeline_data() ---
# Plurals call ngettext with literal msgids right there: makemessages finds them only in the call.

def measurement_summary(data, line):
    units = line.once("units", lambda: resolve_units(line.user))
    parts = [_weight_part(data, units), _calves_part(data, units), _muac_part(data, units)]
    if data.get("oedema"):
        parts.append(text(_("swelling noted")))
    parts += _measurement_flags(data, line.patient)
    head = strong(text(_("Measured")))
    return mark_safe(f"{head}: {join(parts)}")


def _weight_part(data, units):
    if not data.get("weight_kg"):
        return ""
    part = message(_("weight %(value)s"), value=shown("weight", units, data["weight_kg"]))
    estimated = text(_("estimated"))
    return mark_safe(f"{part} ({estimated})") if data.get("method") == "estimated" else part


def _calves_part(data, units):
    left, right = data.get("calf_left_cm"), data.get("calf_right_cm")
    return join([message(_("left calf %(value)s"), value=shown("length", units, left)) if left else "",
                 message(_("right calf %(value)s"), value=shown("length", units, right)) if right else ""],
                separator=", ")


def _muac_part(data, units):
    if not data.get("muac_cm"):
        return ""
    return message(_("upper arm %(value)s"), value=shown("length", units, data["muac_cm"]))


def _measurement_flags(data, patient):
    flags = []
    alert = data.get("weight_alert")
    if alert:
        pattern = (_("weight down %(percent)s %% in a month") if alert.get("window") == "month"
                   else _("weight down %(percent)s %% in six months"))
        flags.append(flag(message(pattern, percent=number(alert.get("percent"), 1))))
    if rules.calf_flags(getattr(patient, "sex", ""), data.get("calf_left_cm"), data.get("calf_right_cm")):
        flags.append(flag(text(_("calf under the screening cut-off"))))
    if rules.muac_is_low(data.get("muac_cm")):
        flags.append(flag(text(_("upper arm small"))))
    return flags


def _meal_words():
    """Each meal's and portion's words, translated once per page (see Line.once)."""
    meals = {"breakfast": _("Breakfast"), "lunch": _("Lunch"), "dinner": _("Dinner"), "snack": _("Snack")}
    portions = {"none": _("ate none of it"), "quarter": _("ate about a quarter"), "half": _("ate about half"),
                "three_quarters": _("ate about three quarters")}
    return meals, _("Drinks"), portions, _("ate all of it")


def nutrition_summary(data, line):
    meals, drinks, portions, all_of_it = line.once("measurements.meal_words", _meal_words)
    head = strong(text(meals.get(data.get("meal"), drinks)))
    if data.get("portion"):
        head = mark_safe(f"{head}: {text(portions.get(data['portion'], all_of_it))}")
    parts = [head]
    if data.get("protein") is not None:
        count = data["protein"]
        parts.append(message(ngettext("%(n)s protein serving", "%(n)s protein servings", count), n=number(count)))
    if data.get("fluids_ml") is not None:
        parts.append(message(_("%(ml)s ml to drink"), ml=number(data["fluids_ml"])))
    if data.get("supplement"):
        parts.append(text(_("supplement")))
    if data.get("coughing"):
        parts.append(flag(text(_("coughed or choked when swallowing"))))
    return join(parts)
