"""Measurements in the member's units: ``{{ value|weight:user }}``, ``{{ value|length:user }}``.

The value is metric (kg, cm; a Decimal, a float from the timeline's JSON, or None). The
argument is a member (their preference is read once per request) or "metric"/"imperial".
The result is a Unicode isolate, so it keeps its order inside right-to-left text.
"""

from django import template
from django.template import defaultfilters

from ..units import resolve_units, shown, symbol

register = template.Library()


@register.filter
def weight(value, who):
    return shown("weight", who, value)


@register.filter
def length(value, who=None):
    """A circumference in cm or in. Without an argument it is Django's own ``length`` (this
    library would otherwise hide the built-in in every template that loads it)."""
    if who is None:
        return defaultfilters.length(value)
    return shown("length", who, value)


@register.simple_tag
def unit_symbol(quantity, who):
    """'kg' / 'lb' or 'cm' / 'in' for the member."""
    return symbol(quantity, resolve_units(who))
