"""Display units. Everything is stored metric (kg, cm); a member may read and type lb and in.

Stored values keep two decimals so that a value typed to 0.1 lb or 0.1 in comes back
exactly as typed (the conversion error is then under 0.02 lb / 0.002 in).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.prepared import Prepared

LB_PER_KG = Decimal("2.20462")
CM_PER_IN = Decimal("2.54")
STORED = Decimal("0.01")  # stored precision, metric
SHOWN = Decimal("0.1")    # shown precision, any unit


class Units(models.TextChoices):
    METRIC = "metric", _("Kilograms and centimetres (kg, cm)")
    IMPERIAL = "imperial", _("Pounds and inches (lb, in)")


def as_decimal(value):
    """A number from a form, the database or the timeline's JSON; None if it is not one."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def _round(value, step):
    return value.quantize(step, rounding=ROUND_HALF_UP)


def kg_to_lb(kg):
    return kg * LB_PER_KG


def lb_to_kg(lb):
    return _round(lb / LB_PER_KG, STORED)


def cm_to_in(cm):
    return cm / CM_PER_IN


def in_to_cm(inches):
    return _round(inches * CM_PER_IN, STORED)


# What each quantity is called and how it converts: metric -> shown, typed -> metric.
QUANTITIES = {
    "weight": {Units.METRIC: ("kg", lambda v: v, lambda v: _round(v, STORED)),
               Units.IMPERIAL: ("lb", kg_to_lb, lb_to_kg)},
    "length": {Units.METRIC: ("cm", lambda v: v, lambda v: _round(v, STORED)),
               Units.IMPERIAL: ("in", cm_to_in, in_to_cm)},
}


def symbol(quantity, units):
    return QUANTITIES[quantity][units][0]


def to_display(quantity, units, metric_value):
    """Metric value -> the member's unit, rounded as shown (0.1)."""
    value = as_decimal(metric_value)
    if value is None:
        return None
    return _round(QUANTITIES[quantity][units][1](value), SHOWN)


def to_metric(quantity, units, typed_value):
    """A value typed in the member's unit -> metric, at stored precision (0.01)."""
    value = as_decimal(typed_value)
    if value is None:
        return None
    return QUANTITIES[quantity][units][2](value)


def units_for(user):
    """The member's display units, read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return Units.METRIC
    cached = getattr(user, "_tend_units", None)
    if cached is None:
        rows = PREFERENCE(user=user.pk)
        cached = user._tend_units = (rows[0][0] if rows else "") or Units.METRIC
    return cached


def _preference(user):
    from .models import DisplayPreferences  # models import this module

    return DisplayPreferences.objects.filter(user=user).order_by("pk").values_list("units")[:1]


PREFERENCE = Prepared(_preference)  # on every page that shows a measurement: compiled once


# Written with the number, so each language may place and spell the unit its own way.
UNIT_FORMATS = {
    "kg": _("%(value)s kg"),
    "lb": _("%(value)s lb"),
    "cm": _("%(value)s cm"),
    "in": _("%(value)s in"),
}


def format_value(quantity, units, metric_value):
    """'72,5 kg' or '159.8 lb': localized number (Django's formats) in the member's unit; '' if none."""
    from django.utils import formats

    shown = to_display(quantity, units, metric_value)
    if shown is None:
        return ""
    number = formats.number_format(shown, decimal_pos=1, use_l10n=True)
    return str(UNIT_FORMATS[symbol(quantity, units)] % {"value": number})


def isolate(text):
    """Keep '72.5 kg' in its own direction inside Arabic (or any right-to-left) text: FSI … PDI."""
    return f"\u2068{text}\u2069" if text else ""


def shown(quantity, who, metric_value):
    """'⁨72.5 kg⁩' for a member (or a units value), isolated for right-to-left text; '' if none."""
    return isolate(format_value(quantity, resolve_units(who), metric_value))


def resolve_units(who):
    """A member (their preference) or a units value given directly."""
    if isinstance(who, str) and who in Units.values:
        return who
    return units_for(who)
