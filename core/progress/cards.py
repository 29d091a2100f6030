"""What the Progress page shows: one card per trend, each with its chart, its last value,
a plain-language expectation and the same values as a table.

Each series is read with ONE aggregate query, whatever the length of the history; the
page's query count is therefore constant (tested in tests/test_queries.py).
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts
from .adherence import ON_TIME_GRACE, turning_adherence

# The ranges a member can choose: GET ?range=30|90|365.
RANGES = {
    "30": (30, gettext_lazy("30 days")),
    "90": (90, gettext_lazy("90 days")),
    "365": (365, gettext_lazy("1 year")),
}
DEFAULT_RANGE = "90"

# Expectations, from the seed article (reference/seed-muscle-atrophy-article.txt: "at least
# two weeks ... before you start to feel a difference", "several months ... to be fully
# restored", atrophy and rebuilding are gradual) and clinical.md §1.3, §2.1 and §7.
EXPECT_MUSCLE = gettext_lazy(
    "Muscle comes back slowly: it usually takes about two weeks before a difference is felt, "
    "and months to rebuild size and strength. Small ups and downs are normal.")
EXPECT_SIZE = gettext_lazy(
    "Rebuilding takes months, so change from week to week is small. If the weight or the calf "
    "keeps getting smaller, tell the clinician.")
EXPECT_WOUND = gettext_lazy(
    "A smaller area means the wound is healing. If it grows, or a red area is not better 1 to 2 "
    "days after keeping pressure off it, contact the care team.")
EXPECT_BRADEN = gettext_lazy(
    "A lower total means a higher risk of pressure injuries (18 or less: at risk). If it falls, "
    "turn more often, check the skin daily and tell the care team.")
EXPECT_TURNING = gettext_lazy(
    "Regular turning, day and night, protects the skin. A turn counts as on time when it is "
    "marked done no later than %(minutes)s minutes after it was due; skipped and missed turns "
    "count as not done, and turns that are not due yet are not counted.")
EXPECT_MOVEMENT = gettext_lazy(
    "Gentle movement every day helps prevent stiffness and keeps muscles working. It usually "
    "takes about two weeks before a difference is felt, and months to rebuild.")


@dataclass
class Row:
    when: date | datetime
    cells: list
    with_time: bool = False


@dataclass
class Card:
    key: str
    title: str
    expectation: str
    svg: str = ""
    last: str = ""
    last_when: date | datetime | None = None
    summary: str = ""
    note: str = ""
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    empty: str = ""


@dataclass
class Period:
    """The range shown: from local midnight of ``start`` to ``now``, in the patient's zone."""

    key: str
    days: int
    zone: zoneinfo.ZoneInfo
    now: datetime
    start: date
    end: date
    per_week: bool

    @property
    def since(self):
        return datetime.combine(self.start, time(0), tzinfo=self.zone)

    @property
    def rtl(self):
        return translation.get_language_bidi()


def patient_zone(patient):
    try:
        return zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_current_timezone()


def period_for(patient, key, now=None):
    key = key if key in RANGES else DEFAULT_RANGE
    days = RANGES[key][0]
    zone = patient_zone(patient)
    now = now or timezone.now()
    end = now.astimezone(zone).date()
    start = end - timedelta(days=days - 1)
    per_week = days > 90  # a year of daily bars would be too thin to see or to read out
    if per_week:
        start -= timedelta(days=start.weekday())  # whole weeks, from a Monday
    return Period(key=key, days=days, zone=zone, now=now, start=start, end=end, per_week=per_week)


def number(value, decimals=0):
    return formats.number_format(round(value, decimals), decimal_pos=decimals)


def percent(value):
    return _("%(value)s%%") % {"value": number(value)}


def turning_card(patient, period):
    rows = turning_adherence(patient, period.zone, period.since, period.now, per_week=period.per_week)
    minutes = int(ON_TIME_GRACE.total_seconds() // 60)
    card = Card(
        key="turning", title=_("Turning on time"),
        expectation=EXPECT_TURNING % {"minutes": number(minutes)},
        columns=[_("Week of") if period.per_week else _("Day"), _("On time"), _("Scheduled"),
                 _("Share on time")],
        empty=_("No turns were scheduled in this period. Turning reminders in the care plan "
                "are counted here."))
    if not rows:
        return card
    per = _("per week") if period.per_week else _("per day")
    scheduled = sum(r.scheduled for r in rows)
    on_time = sum(r.on_time for r in rows)
    card.summary = _("Over this period: %(on_time)s of %(scheduled)s turns on time (%(share)s).") % {
        "on_time": number(on_time), "scheduled": number(scheduled),
        "share": percent(100 * on_time / scheduled)}
    latest = rows[-1]
    card.last = _("%(on_time)s of %(scheduled)s on time (%(share)s)") % {
        "on_time": number(latest.on_time), "scheduled": number(latest.scheduled),
        "share": percent(latest.percent)}
    card.last_when = latest.day
    card.rows = [Row(r.day, [number(r.on_time), number(r.scheduled), percent(r.percent)]) for r in rows]
    card.svg = charts.bar_chart(
        [(r.day, r.percent) for r in rows], chart_id="chart-turning",
        title=_("Share of turns done on time, %(per)s") % {"per": per},
        desc=card.summary, start=period.start, end=period.end, days_per_bar=7 if period.per_week else 1,
        high=100, rtl=period.rtl, format_y=percent)
    return card


def build_cards(patient, period):
    return [turning_card(patient, period)]
