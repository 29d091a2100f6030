"""Labels for the codes kept in timeline lines, in the reader's language."""

from django import template

from .. import scales

register = template.Library()


@register.filter
def braden_band_label(code):
    try:
        return scales.BradenBand(code).label
    except ValueError:
        return ""


@register.filter
def braden_band_flagged(code):
    return code in scales.BRADEN_FLAGGED_BANDS


@register.simple_tag
def scale_values():
    """The scales' numbers for a template: {% scale_values as s %}{{ s.mrc_max }}."""
    from ..display import scales_context

    return scales_context()
