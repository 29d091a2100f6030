"""The scales' numbers for the assessment forms."""

from django import template


register = template.Library()


@register.simple_tag
def scale_values():
    """The scales' numbers for a template: {% scale_values as s %}{{ s.mrc_max }}."""
    from ..display import scales_context

    return scales_context()
