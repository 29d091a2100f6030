"""The frame around every signed-in page: the patient switcher, the account menu and the tabs.

Written in Python rather than as three included templates because it is on every page, and
the template version cost more than some pages' own content. The messages are the same as
the templates had, so the translations carry over. Used through ``{% load shell %}``.
"""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# Inline SVG icons (no icon font, no request).
_PATHS = {
    "today": "M7 2v3M17 2v3M3 9h18M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zm3 9 3 3 5-5",
    "log": "M12 5v14M5 12h14",
    "progress": "M3 20h18M6 16l4-5 4 3 5-7",
    "guidance": "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zm0 0v16M8 7h7",
    "alert": "M12 3 2 20h20zM12 10v4m0 3v.5",
    "user": "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0",
    "people": "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20a7 7 0 0 1 14 0m1-9a3 3 0 1 0-1-5.8M22 20a6 6 0 0 0-5-5.9",
}
ICONS = {name: mark_safe('<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
                         f'<path d="{path}"/></svg>') for name, path in _PATHS.items()}


@lru_cache(maxsize=4096)
def _url(prefix, name, patient_pk=None):
    # The same name and patient always reverse to the same address (under one script prefix).
    return escape(reverse(name, args=[patient_pk] if patient_pk else None))


def url(name, patient_pk=None):
    return _url(get_script_prefix(), name, patient_pk)


def switcher(current, patients):
    # Messages are translated outside the f-strings: makemessages does not look inside them.
    label = escape(_("Patient:"))
    title, every, add = escape(_("My patients")), escape(_("All my patients")), escape(_("Add a patient"))
    if current:
        summary = f'<span class="sr-only">{label} </span><span class="name">{escape(current.display_name)}</span>'
    else:
        summary = "Tend"
    mark = ' aria-current="true"'
    items = "".join(
        f'<li><a href="{url("reminders:today", p.pk)}"{mark if current and p.pk == current.pk else ""}>'
        f'{escape(p.display_name)}</a></li>' for p in patients)
    return mark_safe(
        f'<details class="switcher">\n  <summary>{summary}</summary>\n  <div class="popover">\n'
        f'    <p class="popover-title">{title}</p>\n    <ul class="plain">\n      {items}'
        f'<li><a href="{url("patients:list")}">{every}</a></li>\n'
        f'      <li><a href="{url("patients:new")}">{add}</a></li>\n'
        f'    </ul>\n  </div>\n</details>')


def account_menu(csrf_token, user, current):
    menu, profile, circle = escape(_("Account menu")), escape(_("Patient profile")), escape(_("Care circle"))
    reminders, settings = escape(_("Reminders")), escape(_("Language and settings"))
    password, log_out = escape(_("Change password")), escape(_("Log out"))
    patient_links = ""
    if current:
        patient_links = (f'<li><a href="{url("patients:profile", current.pk)}">{profile}</a></li>\n'
                         f'      <li><a href="{url("patients:circle", current.pk)}">{circle}</a></li>')
    token = escape(csrf_token)  # the page's own token: masking a second one costs as much as the menu
    return mark_safe(
        f'<details class="menu">\n  <summary>{ICONS["user"]}<span class="sr-only">{menu}</span>'
        f'</summary>\n  <div class="popover popover-end">\n'
        f'    <p class="popover-title">{escape(user.display_name)}</p>\n    <ul class="plain">\n      {patient_links}'
        f'<li><a href="{url("reminders:notifications")}">{reminders}</a></li>\n'
        f'      <li><a href="{url("accounts:preferences")}">{settings}</a></li>\n'
        f'      <li><a href="{url("accounts:password_change")}">{password}</a></li>\n'
        f'      <li><form method="post" action="{url("accounts:logout")}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        f'<button class="link" type="submit">{log_out}</button></form></li>\n'
        f'    </ul>\n  </div>\n</details>')


def tabs(request, current):
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match else ""
    namespace = match.namespace if match else ""
    pk = current.pk
    main = escape(_("Main"))

    def tab(href, active, icon, label):
        mark = ' aria-current="page"' if active else ""
        return f'  <a href="{href}"{mark}>{ICONS[icon]}<span>{escape(label)}</span></a>\n'

    return mark_safe(
        f'<nav class="tabs" aria-label="{main}">\n'
        + tab(url("reminders:today", pk), here == "reminders:today", "today", _("Today"))
        + tab(url("logs:menu", pk), namespace == "logs", "log", _("Log"))
        + tab(url("progress:index", pk), namespace == "progress", "progress", _("Progress"))
        + tab(url("guidance:index"), namespace == "guidance", "guidance", _("Guidance"))
        + "</nav>")
