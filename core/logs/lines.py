"""Timeline lines (the Timeline and the Log tab's latest entries), written in Python.

Each line used to be an include, which included its kind's summary template, which included
more: with 30 lines a page that was most of the page's time. The same text built here costs a
tenth. Each kind's summary is a function in its own feature (``LogKind.summary``), written with
the same messages the templates had, so the translations carry over unchanged.

How to write a summary: ``summary(data, line)`` gets the entry's timeline data (plain JSON, see
each model's ``timeline_data``) and this module's ``Line`` and returns safe HTML. Use
``text(_("…"))`` where a template said ``{% translate %}`` and ``message(_("…%(n)s…"), n=…)``
where it said ``{% blocktranslate %}``: values are escaped, the translation is not. For
``{% blocktranslate count %}`` call ``message(ngettext("…", "…", n), n=number(n))`` right there:
makemessages finds msgids only in direct gettext/ngettext calls.
"""

import zoneinfo
from dataclasses import dataclass, field
from html import escape as html_escape

from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import registry


@dataclass
class Line:
    """What every summary may need besides its data: who reads (units) and whose entry it is."""

    user: object
    patient: object
    prefix: str  # the Log tab's URL; an entry's page is prefix + kind/entry_id/
    entry_id: str = ""
    _cache: dict = field(default_factory=dict)

    def once(self, key, make):
        """A value computed once per page (a translated pattern, a unit preference)."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


def text(translated):
    """What ``{% translate %}`` outputs: the translation, escaped."""
    return escape(translated)


def message(translated, **values):
    """What ``{% blocktranslate with … %}`` outputs: the translation with escaped values."""
    return mark_safe(translated % {name: conditional_escape(value) for name, value in values.items()})


def number(value, decimals=None):
    """A number as templates print it: localized (decimal comma in Spanish, and so on); with
    ``decimals``, rounded half up as ``|floatformat`` does."""
    if decimals is not None:
        return floatformat(value, decimals)
    return formats.localize(value, use_l10n=True)


def flag(html):
    return mark_safe(f'<span class="flag">{html}</span>')


def strong(html):
    return mark_safe(f"<strong>{html}</strong>")


def link(href, html):
    return mark_safe(f'<a href="{escape(href)}">{html}</a>')


def join(parts, separator=" · "):
    return mark_safe(separator.join(str(part) for part in parts if part))


def render_lines(items, user, patient, prefix):
    """Each line (core/logs/timeline_queries.Line) as safe HTML, in the patient's time zone."""
    try:
        zone = zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    someone = escape(_("someone"))
    details = escape(_("Details"))
    line = Line(user=user, patient=patient, prefix=prefix)
    prefix = html_escape(prefix)
    times = {}  # many lines share a minute format; Django's formatting is the costly part
    html = []
    for item in items:
        line.entry_id = str(item.entry_id)
        local = item.occurred_at.astimezone(zone)
        key = (local.hour, local.minute)
        if key not in times:
            times[key] = html_escape(formats.time_format(local, "TIME_FORMAT"))
        who = html_escape(item.author) if item.author else someone
        summary = summarise(item.kind, item.data or {}, line)
        kind = html_escape(item.kind)
        more = "" if item.kind == "task" else f' <a href="{prefix}{kind}/{item.entry_id}/">{details}</a>'
        html.append(mark_safe(
            f'<li class="card row entry kind-{kind}">\n'
            f'  <p><span class="when">{times[key]} · {who}</span>\n  {summary}{more}</p>\n</li>'))
    return html


def summarise(kind, data, line) -> SafeString:
    if kind == "task":
        return task_summary(data, line)
    log_kind = registry.get(kind)
    if log_kind is None or log_kind.summary is None:
        return text(log_kind.label if log_kind else kind)
    return log_kind.summary(data, line)


# The two kinds the logs app itself writes: turns, and reminders done without a log of their own.

def repositioning_summary(data, line):
    from core.reminders.positions import Position

    head = strong(text(_("Turned")))
    position = data.get("position")
    if position in Position.values:
        head = mark_safe(f"{head}: {text(Position(position).label)}")
    parts = [head]
    if data.get("heels_floated"):
        parts.append(text(_("heels floated")))
    if data.get("skin_concern"):
        parts.append(flag(text(_("skin concern noticed"))))
    return join(parts)


TASK_TITLES = {
    "passive_movement": lambda: _("Passive movement session"),
    "skin_check": lambda: _("Skin check"),
    "mobility_check": lambda: _("Mobility check"),
    "meal": lambda: _("Meal or fluids"),
}


def task_summary(data, line):
    title = data.get("title") or TASK_TITLES.get(data.get("task"), lambda: _("Other task"))()
    status = _("skipped") if data.get("status") == "skipped" else _("done")
    parts = [mark_safe(f"{strong(escape(title))}: {text(status)}")]
    if data.get("note"):
        parts.append(escape(data["note"]))
    return join(parts)
