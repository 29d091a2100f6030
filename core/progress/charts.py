"""Charts drawn on the server as small, accessible SVG: no charting framework, no script.

Pure functions: values and already-translated, already-localized words go in, an SVG
string comes out. What makes them fit the app:

- time runs proportionally along x between the range's first and last day, so a gap in
  the logging shows as a gap, and every chart of a page shares the same time axis;
- integer coordinates in a fixed ``viewBox`` (the SVG scales to the card's width);
- ``role="img"`` named by its ``<title>`` and ``<desc>``; the values themselves are in
  the table beside each chart, which is what a screen reader should read;
- colours come from CSS classes in ``static/css/app.css`` (variables and ``currentColor``),
  so light and dark mode both work, and no ``style=`` attribute (the CSP forbids them);
- right-to-left: time runs from right to left, as the page reads, and every label is a
  Unicode isolate so that a Latin date inside Arabic text (or the reverse) keeps its order.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime
from html import escape as html_escape

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 360, 180
TOP, BOTTOM = 12, 26      # room for the top label / the date labels
AXIS_SIDE, FAR_SIDE = 44, 10  # the side with the value labels / the other side
MAX_DOTS = 45             # above this many points, only the last one gets a dot


def isolate(text):
    """A label that keeps its own direction inside text of the other direction (FSI … PDI)."""
    return f"\u2068{text}\u2069"


def day_number(when):
    """Days since year 1 as a float; a date counts as its middle (noon), a datetime as its wall time."""
    if isinstance(when, datetime):
        return when.toordinal() + (when.hour * 3600 + when.minute * 60 + when.second) / 86400
    return when.toordinal() + 0.5


def nice_step(span, ticks=4, integers=False):
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts ``span`` in about ``ticks``
    parts; for counts and scores (``integers``) a whole step without 2.5."""
    if span <= 0:
        return 1
    raw = span / ticks
    if integers and raw <= 1:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    for factor in ((1, 2, 5, 10) if integers else (1, 2, 2.5, 5, 10)):
        if raw <= factor * power:
            return factor * power
    return 10 * power  # pragma: no cover - the loop always returns


def step_decimals(step):
    """Decimals that tell the value labels of this step apart: 5 → 0, 0.5 → 1, 0.25 → 2."""
    for decimals in range(4):
        if abs(step * 10 ** decimals - round(step * 10 ** decimals)) < 1e-9:
            return decimals
    return 3


def value_range(values, include_zero=False, min_span=0, integers=False):
    """(low, high, step): round limits that hold every value, with some room when all are equal.

    ``min_span``: the scale covers at least this much, centred on the values, so that the
    normal wobble of a weight (0.3 kg) is not drawn as a cliff."""
    low, high = min(values), max(values)
    if include_zero:
        low = min(low, 0)
    if high - low < min_span:
        middle = (high + low) / 2
        low, high = middle - min_span / 2, middle + min_span / 2
        if include_zero or min(values) >= 0:
            low, high = max(low, 0), max(high, min_span)
    if low == high:
        pad = max(abs(high) * 0.05, 1)
        low, high = (low if include_zero and low == 0 else low - pad), high + pad
    step = nice_step(high - low, integers=integers)
    digits = step_decimals(step) + 1  # 67.60000000000001 is 67.6
    return round(math.floor(low / step) * step, digits), round(math.ceil(high / step) * step, digits), step


def default_number(value, decimals=0):
    return formats.number_format(round(value, decimals), decimal_pos=decimals)



def default_date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class Frame:
    """Where the plot sits in the viewBox and how days and values map to it."""

    start: date
    end: date           # inclusive: the last day shown
    low: float
    high: float
    rtl: bool = False

    @property
    def left(self):
        return FAR_SIDE if self.rtl else AXIS_SIDE

    @property
    def right(self):
        return WIDTH - (AXIS_SIDE if self.rtl else FAR_SIDE)

    def x(self, when):
        first = self.start.toordinal()
        span = self.end.toordinal() + 1 - first
        share = min(max((day_number(when) - first) / span, 0), 1)
        if self.rtl:
            share = 1 - share
        return round(self.left + share * (self.right - self.left))

    def x_days(self, days):
        """Width of a number of days."""
        span = self.end.toordinal() + 1 - self.start.toordinal()
        return (self.right - self.left) * days / span

    def y(self, value):
        share = (value - self.low) / (self.high - self.low) if self.high != self.low else 0.5
        return round(HEIGHT - BOTTOM - share * (HEIGHT - BOTTOM - TOP))


def _text(x, y, label, anchor, css="label"):
    return (f'<text class="{css}" x="{x}" y="{y}" text-anchor="{anchor}">'
            f"{html_escape(isolate(label))}</text>")  # the standard library's: many per chart


def _axes(frame, step, format_y, format_x, x_ticks):
    """Horizontal grid lines with value labels, and date labels along the bottom.

    ``format_y(value, decimals)`` writes a value label; ``format_x(day)`` a date label."""
    parts = []
    decimals = step_decimals(step)
    value_anchor = "start" if frame.rtl else "end"
    value_x = frame.right + 4 if frame.rtl else frame.left - 4
    ticks = round((frame.high - frame.low) / step)
    for i in range(ticks + 1):
        value = frame.low + i * step
        y = frame.y(value)
        parts.append(f'<line class="grid" x1="{frame.left}" y1="{y}" x2="{frame.right}" y2="{y}"/>')
        parts.append(_text(value_x, y + 4, format_y(value, decimals), value_anchor))
    base = HEIGHT - BOTTOM
    parts.append(f'<line class="axis" x1="{frame.left}" y1="{base}" x2="{frame.right}" y2="{base}"/>')
    for index, day in enumerate(x_ticks):
        x = frame.x(day)
        # The outer labels keep inside the picture: they grow inwards.
        if index == 0:
            anchor = "end" if frame.rtl else "start"
        elif index == len(x_ticks) - 1:
            anchor = "start" if frame.rtl else "end"
        else:
            anchor = "middle"
        parts.append(f'<line class="axis" x1="{x}" y1="{base}" x2="{x}" y2="{base + 4}"/>')
        parts.append(_text(x, HEIGHT - 6, format_x(day), anchor))
    return parts


def _date_ticks(start, end):
    """First day, last day and, when there is room, the day in the middle."""
    if start == end:
        return [start]
    if (end - start).days < 6:
        return [start, end]
    return [start, date.fromordinal((start.toordinal() + end.toordinal()) // 2), end]


def _svg(chart_id, title, desc, parts, css):
    return mark_safe(
        f'<svg class="chart-svg {css}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" direction="ltr">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        + "".join(parts) + "</svg>")


MARKERS = ("circle", "square", "diamond", "triangle")  # one shape per line, as well as a dash style


def _marker(index, x, y, last=False):
    """A point of line ``index``: its shape tells the lines apart without colour."""
    css = f"dot s{index % len(MARKERS)}" + (" last" if last else "")
    r = 5 if last else 3
    shape = MARKERS[index % len(MARKERS)]
    if shape == "circle":
        return f'<circle class="{css}" cx="{x}" cy="{y}" r="{r}"/>'
    if shape == "square":
        return f'<rect class="{css}" x="{x - r}" y="{y - r}" width="{2 * r}" height="{2 * r}"/>'
    if shape == "diamond":
        d = r + 1
        return f'<path class="{css}" d="M{x} {y - d}L{x + d} {y}L{x} {y + d}L{x - d} {y}Z"/>'
    return f'<path class="{css}" d="M{x} {y - r - 1}L{x + r + 1} {y + r}L{x - r - 1} {y + r}Z"/>'


def swatch(index):
    """The legend's sample of line ``index`` (decorative: the legend's text names it)."""
    return mark_safe(
        f'<svg class="chart-svg swatch" viewBox="0 0 36 12" aria-hidden="true" focusable="false">'
        f'<path class="line s{index % len(MARKERS)}" d="M2 6L34 6"/>{_marker(index, 18, 6)}</svg>')


def line_chart(points=None, *, chart_id, title, desc, start, end, series=None, reference=None,
               reference_label="", min_span=0, integers=False, rtl=False, format_y=default_number,
               format_x=default_date):
    """A line through ``points`` [(date or local datetime, value)], oldest first; or several
    lines, ``series`` = [points, points, …], told apart by dash style and marker shape
    (``swatch(i)`` draws line i's sample for the legend).

    ``reference``: a value drawn as a dashed line (a cut-off such as MRC 48), labelled
    with ``reference_label``. ``min_span``: the least range of values the scale shows;
    ``integers``: whole-number grid lines (scores, counts).
    Returns "" when there is nothing to draw: the card says so in words instead of
    showing an empty frame.
    """
    lines = [points] if series is None else series
    lines = [[(when, float(value)) for when, value in line if value is not None] for line in lines or []]
    if not any(lines):
        return ""
    values = [value for line in lines for _when, value in line]
    values += [float(reference)] if reference is not None else []
    low, high, step = value_range(values, min_span=min_span, integers=integers)
    frame = Frame(start=start, end=end, low=low, high=high, rtl=rtl)
    parts = _axes(frame, step, format_y, format_x, _date_ticks(start, end))
    if reference is not None:
        y = frame.y(float(reference))
        parts.append(f'<line class="ref" x1="{frame.left}" y1="{y}" x2="{frame.right}" y2="{y}"/>')
        if reference_label:
            # Above the line when there is room, below it otherwise.
            label_y = y - 4 if y - 4 > TOP + 2 else y + 13
            parts.append(_text(frame.left + 4 if not rtl else frame.right - 4, label_y, reference_label,
                               "end" if rtl else "start", css="label ref-label"))
    for index, line in enumerate(lines):
        if not line:
            continue
        coordinates = [(frame.x(when), frame.y(value)) for when, value in line]
        if len(coordinates) > 1:
            path = " ".join(f"{'M' if i == 0 else 'L'}{x} {y}" for i, (x, y) in enumerate(coordinates))
            parts.append(f'<path class="line s{index % len(MARKERS)}" d="{path}"/>')
        dotted = coordinates if len(coordinates) <= MAX_DOTS else coordinates[-1:]
        parts += [_marker(index, x, y) for x, y in dotted[:-1]]
        parts.append(_marker(index, *coordinates[-1], last=True))
    return _svg(chart_id, title, desc, parts, "chart-line")


def bar_chart(bars, *, chart_id, title, desc, start, end, days_per_bar=1, high=None, integers=False,
              rtl=False, format_y=default_number, format_x=default_date):
    """Bars [(first day of the bar, value)] each ``days_per_bar`` wide (1: per day, 7: per week).

    ``high``: a fixed top of the scale (100 for percentages); otherwise the largest value.
    A bar of 0 is drawn as a thin mark on the base line, so "nothing done" differs from
    "nothing scheduled" (no bar at all).
    """
    bars = [(day, float(value)) for day, value in bars if value is not None]
    if not bars:
        return ""
    values = [value for _day, value in bars] + ([float(high)] if high is not None else [])
    low, top, step = value_range(values, include_zero=True, integers=integers)
    if high is not None:
        top = float(high)
        step = nice_step(top - low, integers=integers)
    frame = Frame(start=start, end=end, low=0, high=top, rtl=rtl)
    parts = _axes(frame, step, format_y, format_x, _date_ticks(start, end))
    base = frame.y(0)
    for day, value in bars:
        # A bar covers its days inside the range (a week cut by the range's edge is narrower).
        first = max(day, start)
        last = min(date.fromordinal(day.toordinal() + days_per_bar - 1), end)
        if last < first:
            continue
        width = max(1, round(frame.x_days(last.toordinal() - first.toordinal() + 1) * 0.75))
        middle = (frame.x(first) + frame.x(last)) / 2
        x = round(middle - width / 2)
        y = frame.y(value)
        height = base - y
        if height < 1:
            y, height, css = base - 1, 1, "bar zero"
        else:
            css = "bar"
        parts.append(f'<rect class="{css}" x="{x}" y="{y}" width="{width}" height="{height}"/>')
    return _svg(chart_id, title, desc, parts, "chart-bars")
