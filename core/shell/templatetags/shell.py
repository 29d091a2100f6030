"""Small tags for the frame around every page (core/shell/frame.py)."""

from django import template

from .. import frame

register = template.Library()


@register.simple_tag
def icon(name):
    return frame.ICONS.get(name, "")


@register.simple_tag(takes_context=True)
def switcher(context):
    return frame.switcher(context.get("current_patient"), context.get("my_patients") or [])


@register.simple_tag(takes_context=True)
def account_menu(context):
    return frame.account_menu(context["csrf_token"], context["user"], context.get("current_patient"))


@register.simple_tag(takes_context=True)
def tabs(context):
    return frame.tabs(context["request"], context["current_patient"])
