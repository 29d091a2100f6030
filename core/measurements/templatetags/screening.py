"""Screening flags a template can ask for: ``{% if data|calf_is_low:patient %}``."""

from django import template

from .. import rules

register = template.Library()


@register.filter
def calf_is_low(data, patient):
    """Timeline data of a measurement: is a calf under the AWGS 2019 cut-off for this patient's sex?"""
    return bool(rules.calf_flags(getattr(patient, "sex", ""), data.get("calf_left_cm"), data.get("calf_right_cm")))


@register.filter
def muac_is_low(value):
    return rules.muac_is_low(value)
