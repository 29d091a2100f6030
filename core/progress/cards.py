"""What the Progress page shows: one card per trend, each with its chart, its last value,
a plain-language expectation and the same values as a table.

Each series is read with ONE query, whatever the length of the history (the features'
own ``series`` modules, and one query here for wound areas and one for turning); the
page's query count is therefore constant (tests/test_queries.py).

Values are stored metric; weights, calves and wound areas are shown in the member's units.
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html import escape as html_escape

from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.prepared import Prepared

from . import charts
from .adherence import ON_TIME_GRACE, turning_adherence
from .formatting import Localized

# The other features' series and scales. Each is optional: without it, its card says in
# words that nothing is recorded yet, and the page still works.
try:
    from core.movement import series as movement_series
except ModuleNotFoundError:  # pragma: no cover - present in this app
    movement_series = None
try:
    from core.measurements import rules as measurement_rules
    from core.measurements import series as measurement_series
    from core.measurements import units as measurement_units
except ModuleNotFoundError:  # pragma: no cover - present in this app
    measurement_series = measurement_rules = measurement_units = None
try:
    from core.assessments import scales
    from core.assessments import series as assessment_series
except ModuleNotFoundError:  # pragma: no cover - present in this app
    assessment_series = scales = None
try:
    from core.skin.models import Finding, site_label
except ModuleNotFoundError:  # pragma: no cover - present in this app
    Finding = site_label = None

# Every measured finding of the period with its check's time, oldest first; compiled once
# (core/prepared.py), like the features' own series.
WOUNDS = Prepared(lambda patient, since: Finding.objects.alive().for_patient(patient)
                  .filter(skin_check__occurred_at__gte=since, length_cm__isnull=False, width_cm__isnull=False)
                  .order_by("skin_check__occurred_at")
                  .values_list("site", "side", "site_other", "skin_check__occurred_at", "length_cm", "width_cm")) \
    if Finding is not None else None

# The ranges a member can choose: GET ?range=30|90|365.
RANGES = {
    "30": (30, gettext_lazy("30 days")),
    "90": (90, gettext_lazy("90 days")),
    "365": (365, gettext_lazy("1 year")),
}
DEFAULT_RANGE = "90"

# Expectations, from the seed article (reference/seed-muscle-atrophy-article.txt: at least
# two weeks of therapy before a difference is felt, several months to restore size and
# strength, atrophy and rebuilding are gradual) and clinical.md §2.1, §5, §7.
EXPECT_MUSCLE = gettext_lazy(
    "Strength comes back slowly: it usually takes about two weeks before a difference is felt, "
    "and months to rebuild. Small ups and downs are normal; look at the trend over weeks.")
EXPECT_SIZE = gettext_lazy(
    "Muscle size comes back over months, so the change from week to week is small. If the weight "
    "or the calf keeps getting smaller, tell the clinician.")
EXPECT_WOUND = gettext_lazy(
    "A smaller area means the wound is healing. If it grows, or a red area is not better 1 to 2 "
    "days after keeping pressure off it, contact the care team.")
EXPECT_BRADEN = gettext_lazy(
    "A lower total means a higher risk of pressure injuries. If it falls, tell the care team and "
    "ask whether to turn more often.")
EXPECT_TURNING = gettext_lazy(
    "Regular turning, day and night, protects the skin. A turn counts as on time when it is "
    "marked done no later than %(minutes)s minutes after it was due; skipped and missed turns "
    "count as not done, and turns that are not due yet are not counted.")
EXPECT_MOVEMENT = gettext_lazy(
    "Gentle movement every day helps prevent stiffness. It usually takes about two weeks before a "
    "difference is felt, and months to rebuild.")
LAY_RATED = gettext_lazy("Scores given by family members are lay ratings; a therapist’s may differ.")

# The least range each chart's scale shows (in the shown unit), so that everyday wobble
# (a weight 0.3 kg up or down) is not drawn as a cliff. Chart scaling only, not clinical.
MIN_SPAN = {("weight", "metric"): 5, ("weight", "imperial"): 10, ("length", "metric"): 2,
            ("length", "imperial"): 1, "mrc": 12, "chair": 6, "braden": 6}

AREA_UNITS = {"metric": ("cm²", 1.0), "imperial": ("in²", 6.4516)}  # cm² per shown unit
AREA_FORMATS = {"cm²": gettext_lazy("%(value)s cm²"), "in²": gettext_lazy("%(value)s in²")}


@dataclass
class Row:
    label: str   # the localized day, week or time, in the patient's zone
    cells: list  # localized values


def table_body(rows):
    """The rows of a card's table as HTML: a year of days is hundreds of cells, which the
    template engine renders far more slowly than this join (every value escaped: the standard
    library's html.escape, which Django's escape() wraps, without its per-call lazy check)."""
    return mark_safe("".join(
        f'<tr><th scope="row">{html_escape(str(row.label))}</th>'
        + "".join(f"<td>{html_escape(str(cell))}</td>" for cell in row.cells)
        + "</tr>" for row in rows))


@dataclass
class Card:
    key: str
    title: str
    expectation: str
    svg: str = ""
    last: str = ""
    last_label: str = ""  # instead of "Latest:", e.g. "Today so far:"
    last_when: str = ""   # localized
    summary: str = ""
    note: str = ""
    legend: list = field(default_factory=list)   # [(swatch svg, label)]
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    empty: str = ""

    @property
    def table_body(self):
        return table_body(self.rows)


@dataclass
class Period:
    """The range shown: from local midnight of ``start`` to ``now``, in the patient's zone,
    with the member's language (``fmt``), direction and units."""

    key: str
    days: int
    zone: zoneinfo.ZoneInfo
    now: datetime
    start: date
    end: date
    per_week: bool
    units: str = "metric"
    fmt: Localized = field(default_factory=Localized)
    rtl: bool = field(default_factory=translation.get_language_bidi)
    read: dict = field(default_factory=dict)  # series shared by two cards, read once

    @property
    def since(self):
        return datetime.combine(self.start, time(0), tzinfo=self.zone)

    @property
    def this_week(self):
        return self.end - timedelta(days=self.end.weekday())

    def local(self, moment):
        return moment.astimezone(self.zone)


def patient_zone(patient):
    try:
        return zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_current_timezone()


def period_for(patient, key, now=None, units="metric"):
    key = key if key in RANGES else DEFAULT_RANGE
    days = RANGES[key][0]
    zone = patient_zone(patient)
    now = now or timezone.now()
    end = now.astimezone(zone).date()
    start = end - timedelta(days=days - 1)
    per_week = days > 90  # a year of daily bars would be too thin to see or to read out
    if per_week:
        start -= timedelta(days=start.weekday())  # whole weeks, from a Monday
    return Period(key=key, days=days, zone=zone, now=now, start=start, end=end, per_week=per_week, units=units)


def units_of(user):
    if measurement_units is None:
        return "metric"
    return measurement_units.units_for(user)


# --- Turning and passive movement: bars ------------------------------------------------


def turning_card(patient, period):
    f = period.fmt
    rows = turning_adherence(patient, period.zone, period.since, period.now, per_week=period.per_week)
    minutes = int(ON_TIME_GRACE.total_seconds() // 60)
    card = Card(
        key="turning", title=_("Turning on time"),
        expectation=EXPECT_TURNING % {"minutes": f.number(minutes)},
        columns=[_("Week of") if period.per_week else _("Day"), _("Turns on time"), _("Share")],
        empty=_("No turns were scheduled in this period. Turning reminders in the care plan "
                "are counted here."))
    if not rows:
        return card
    scheduled = sum(r.scheduled for r in rows)
    on_time = sum(r.on_time for r in rows)
    card.summary = _("Over this period: %(on_time)s of %(scheduled)s turns on time (%(share)s).") % {
        "on_time": f.number(on_time), "scheduled": f.number(scheduled),
        "share": f.percent(100 * on_time / scheduled)}
    latest = rows[-1]
    card.last = _("%(on_time)s of %(scheduled)s on time (%(share)s)") % {
        "on_time": f.number(latest.on_time), "scheduled": f.number(latest.scheduled),
        "share": f.percent(latest.percent)}
    if latest.day == (period.this_week if period.per_week else period.end):
        # An unfinished day or week: say so, rather than alarm at "0 of 1" at 1 a.m.
        card.last_label = _("This week so far:") if period.per_week else _("Today so far:")
    else:
        card.last_when = f.day(latest.day)
    of = _("%(on_time)s of %(scheduled)s")
    card.rows = [Row(f.day(r.day), [of % {"on_time": f.number(r.on_time), "scheduled": f.number(r.scheduled)},
                                    f.percent(r.percent)]) for r in rows]
    per = _("per week") if period.per_week else _("per day")
    card.svg = charts.bar_chart(
        [(r.day, r.percent) for r in rows], chart_id="chart-turning",
        title=_("Share of turns done on time, %(per)s") % {"per": per}, desc=card.summary,
        start=period.start, end=period.end, days_per_bar=7 if period.per_week else 1, high=100,
        rtl=period.rtl, format_y=f.percent, format_x=f.short_day)
    return card


def weeks_from_first(rows, period):
    """Weekly counts from the first week with a value to the current week, empty weeks as 0:
    a week with nothing done is worth seeing, the weeks before anything was logged are not."""
    if not rows:
        return []
    counts = dict(rows)
    week, filled = rows[0][0], []
    while week <= period.this_week:
        filled.append((week, counts.get(week, 0)))
        week += timedelta(days=7)
    return filled


def week_start(period):
    monday = period.start - timedelta(days=period.start.weekday())
    return datetime.combine(monday, time(0), tzinfo=period.zone)


def movement_card(patient, period):
    f = period.fmt
    card = Card(key="movement", title=_("Passive-movement sessions per week"), expectation=EXPECT_MOVEMENT,
                columns=[_("Week of"), _("Sessions")],
                empty=_("No passive-movement session was logged in this period."))
    if movement_series is None:  # pragma: no cover
        card.empty = _("Passive-movement sessions are not recorded in this app yet.")
        return card
    rows = movement_series.sessions_per_week(patient, since=week_start(period), until=period.now)
    weeks = weeks_from_first([(r["week"], r["sessions"]) for r in rows], period)
    if not weeks:
        return card
    total = sum(n for _w, n in weeks)
    card.summary = _("Over this period: %(total)s sessions in %(weeks)s weeks.") % {
        "total": f.number(total), "weeks": f.number(len(weeks))}
    week, latest = weeks[-1]
    if week == period.this_week:
        card.last_label = _("This week so far:")
    else:
        card.last_when = f.day(week)
    card.last = ngettext("%(n)s session", "%(n)s sessions", latest) % {"n": f.number(latest)}
    card.rows = [Row(f.day(w), [f.number(n)]) for w, n in weeks]
    card.svg = charts.bar_chart(weeks, chart_id="chart-movement", title=card.title, desc=card.summary,
                                start=period.start, end=period.end, days_per_bar=7, integers=True,
                                rtl=period.rtl, format_y=f.number, format_x=f.short_day)
    return card


# --- Measurements and scores: lines ---------------------------------------------------------


def in_period(points, period):
    return [(at, value) for at, value in points if at >= period.since and value is not None]


def describe(count_text, points, period, show):
    """'12 values, from 68.0 kg on 3 Sep to 66.1 kg on 24 Nov.' (the chart's description)."""
    first, last = points[0], points[-1]
    if len(points) == 1:
        return _("%(count)s: %(value)s on %(when)s.") % {
            "count": count_text, "value": show(last[1]), "when": period.fmt.day(period.local(last[0]))}
    return _("%(count)s, from %(first)s on %(first_when)s to %(last)s on %(last_when)s.") % {
        "count": count_text, "first": show(first[1]), "first_when": period.fmt.day(period.local(first[0])),
        "last": show(last[1]), "last_when": period.fmt.day(period.local(last[0]))}


def line_card(card, period, lines, show, *, labels=None, reference=None, reference_label="",
              min_span=0, integers=False):
    """Fill ``card`` from ``lines`` = [[(aware datetime, value), …], …] (one per series, the
    values already in the shown unit); ``labels`` names each series (legend and table)."""
    f = period.fmt
    lines = [in_period(points, period) for points in lines]
    if not any(lines):
        return card
    labels = labels or [""]
    described = []
    for label, points in zip(labels, lines):
        if points:
            count = ngettext("%(n)s value", "%(n)s values", len(points)) % {"n": f.number(len(points))}
            if label:
                count = _("%(series)s: %(count)s") % {"series": label, "count": count}
            described.append(describe(count, points, period, show))
    card.summary = " ".join(described)
    latest = max(points[-1][0] for points in lines if points)
    card.last_when = f.day(period.local(latest))
    newest = [(label, points[-1][1]) for label, points in zip(labels, lines) if points and points[-1][0] == latest]
    named = any(labels)  # calves and wound sites say which line a value belongs to
    card.last = " · ".join(_("%(series)s: %(value)s") % {"series": label, "value": show(value)}
                           if named else show(value) for label, value in newest)
    if len(lines) > 1:
        card.legend = [(charts.swatch(i), label) for i, label in enumerate(labels)]
    card.columns = [_("When")] + (list(labels) if named else [card.title])
    by_time = {}
    for index, points in enumerate(lines):
        for at, value in points:
            by_time.setdefault(at, ["—"] * len(lines))[index] = show(value)
    card.rows = [Row(f.day(period.local(at), "SHORT_DATETIME_FORMAT"), cells)
                 for at, cells in sorted(by_time.items())]
    card.svg = charts.line_chart(
        series=[[(period.local(at), value) for at, value in points] for points in lines],
        chart_id=f"chart-{card.key}", title=card.title, desc=card.summary,
        start=period.start, end=period.end, reference=reference, reference_label=reference_label,
        min_span=min_span, integers=integers, rtl=period.rtl, format_y=f.number, format_x=f.short_day)
    return card


def _shown(quantity, period):
    """(value in metric -> value in the member's unit, value -> '72.5 kg')."""
    units = period.units

    def convert(value):
        return float(measurement_units.to_display(quantity, units, value))

    # Translated once per card: gettext per value is a third of a chart's time.
    pattern = str(measurement_units.UNIT_FORMATS[measurement_units.symbol(quantity, units)])

    def show(value):
        return pattern % {"value": period.fmt.number(value, 1)}

    return convert, show


def _measurements(patient, period):
    # Weight and calf are two cards from one query.
    if "measurements" not in period.read:
        period.read["measurements"] = measurement_series.weights_and_calves(patient, since=period.since)
    return period.read["measurements"]


def _mobility(patient, period):
    # Strength and chair stands are two cards from one query.
    if "mobility" not in period.read:
        period.read["mobility"] = assessment_series.mobility_scores(patient)
    return period.read["mobility"]


def weight_card(patient, period):
    card = Card(key="weight", title=_("Weight"), expectation=EXPECT_SIZE,
                empty=_("No weight was logged in this period."))
    if measurement_series is None:  # pragma: no cover
        return card
    convert, show = _shown("weight", period)
    points = [(at, convert(kg)) for at, kg in _measurements(patient, period)["weight"]]
    return line_card(card, period, [points], show, min_span=MIN_SPAN[("weight", period.units)])


def calf_card(patient, period):
    card = Card(key="calf", title=_("Calf circumference"), expectation=EXPECT_SIZE,
                empty=_("No calf measurement was logged in this period."))
    if measurement_series is None:  # pragma: no cover
        return card
    convert, show = _shown("length", period)
    sides = _measurements(patient, period)
    lines = [[(at, convert(cm)) for at, cm in sides[side]] for side in ("left", "right")]
    cutoff = measurement_rules.CALF_LOW_BELOW_CM.get(patient.sex)
    reference = convert(cutoff) if cutoff is not None else None
    label = ""
    if reference is not None:
        label = _("Low below %(value)s (%(source)s)") % {"value": show(reference),
                                                         "source": measurement_rules.CALF_SOURCE}
    else:
        card.note = _("With the patient’s sex in the profile, the screening cut-off is drawn too.")
    return line_card(card, period, lines, show, labels=[_("Left"), _("Right")], reference=reference,
                     reference_label=label, min_span=MIN_SPAN[("length", period.units)])


def _score_card(card, period, points, reference=None, reference_label=""):
    f = period.fmt
    return line_card(card, period, [[(at, float(v)) for at, v in points]], lambda v: f.number(v),
                     reference=reference, reference_label=reference_label, min_span=MIN_SPAN[card.key],
                     integers=True)


def mrc_card(patient, period):
    card = Card(key="mrc", title=_("Muscle strength (MRC sum, 0–60)"), expectation=EXPECT_MUSCLE,
                note=LAY_RATED, empty=_("No full strength check (all twelve muscle groups) in this period."))
    if assessment_series is None:  # pragma: no cover
        return card
    limit = scales.MRC_WEAKNESS_BELOW
    return _score_card(card, period, _mobility(patient, period)["mrc_sum"], reference=limit,
                       reference_label=_("Below %(value)s: weakness") % {"value": period.fmt.number(limit)})


def chair_card(patient, period):
    card = Card(key="chair", title=_("Chair stands in 30 seconds"), expectation=EXPECT_MUSCLE,
                empty=_("No chair-stand test in this period."))
    if assessment_series is None:  # pragma: no cover
        return card
    reference, label = None, ""
    if patient.year_of_birth and patient.sex:
        row = scales.chair_stand_threshold(period.end.year - patient.year_of_birth, patient.sex)
        if row is not None:
            reference = row[2]
            label = _("Below %(value)s: risk of falls (%(source)s)") % {
                "value": period.fmt.number(reference), "source": "STEADI"}
    return _score_card(card, period, _mobility(patient, period)["chair_stand"], reference=reference,
                       reference_label=label)


def braden_card(patient, period):
    card = Card(key="braden", title=_("Pressure-injury risk (Braden total, 6–23)"), expectation=EXPECT_BRADEN,
                empty=_("No Braden assessment in this period."))
    if assessment_series is None:  # pragma: no cover
        return card
    banding = scales.BRADEN_BANDINGS[scales.current_banding()]
    at_risk = max(high for _low, high, band in banding.bands if band == scales.BradenBand.AT_RISK)
    return _score_card(card, period, assessment_series.braden_totals(patient), reference=at_risk,
                       reference_label=_("%(value)s or less: at risk") % {"value": period.fmt.number(at_risk)})


def wound_card(patient, period):
    card = Card(key="wounds", title=_("Wound area"), expectation=EXPECT_WOUND,
                empty=_("No measured wound in this period: nothing to chart, which is good news."))
    if Finding is None:  # pragma: no cover
        return card
    symbol, per_unit = AREA_UNITS["imperial" if period.units == "imperial" else "metric"]
    f = period.fmt

    pattern = str(AREA_FORMATS[symbol])

    def show(value):
        return pattern % {"value": f.number(value, 1 if value >= 1 else 2)}

    # One query: every measured finding of the period with its check's time, oldest first.
    rows = WOUNDS(patient=patient.pk, since=period.since)
    sites = {}
    for site, side, other, at, length, width in rows:
        sites.setdefault((site, side, other.lower()), (site_label(site, side, other), []))[1].append(
            (at, float(length * width) / per_unit))
    if not sites:
        return card
    labels = [str(label) for label, _points in sites.values()]
    card.title = _("Wound area per site")
    return line_card(card, period, [points for _label, points in sites.values()], show, labels=labels)


def build_cards(patient, period):
    """In the order the family asked about them: muscle first, then skin, then the routine."""
    return [calf_card(patient, period), weight_card(patient, period), mrc_card(patient, period),
            chair_card(patient, period), wound_card(patient, period), braden_card(patient, period),
            turning_card(patient, period), movement_card(patient, period)]
