"""Screening thresholds for measurements: data with their sources (clinical.md §5 and §6).

These are screening aids. A flag never names a condition: it says what was seen and to
tell the clinician or dietitian.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from core.patients.models import Sex

from .units import as_decimal

# --- Calf circumference ------------------------------------------------------------------
# AWGS 2019 case-finding cut-offs: low when < 34 cm in men, < 33 cm in women
# (Chen et al., J Am Med Dir Assoc 2020, doi:10.1016/j.jamda.2019.12.012; clinical.md §5).
# No cut-off applies when the patient's sex is not recorded.
CALF_SOURCE = "AWGS 2019"
CALF_LOW_BELOW_CM = {
    Sex.MALE: Decimal("34"),
    Sex.FEMALE: Decimal("33"),
}

# --- Mid-upper-arm circumference -------------------------------------------------------
# Tang et al. 2020, individual-participant-data meta-analysis (clinical.md §5): a MUAC of
# 23.5–25.0 cm or less screens for an adult BMI < 18.5. The upper end of that range is used
# so that no arm in the range goes unmentioned. (The MUST MUAC rule is UNCONFIRMED: not used.)
MUAC_SOURCE = "Tang 2020"
MUAC_LOW_RANGE_CM = (Decimal("23.5"), Decimal("25.0"))
MUAC_LOW_AT_OR_BELOW_CM = MUAC_LOW_RANGE_CM[1]

# --- Unintended weight loss ----------------------------------------------------------------
# ASPEN "at risk": loss of >= 5 % of usual weight in 1 month or >= 10 % in 6 months
# (nutritioncare.org, Malnutrition Toolkit, Definitions; clinical.md §6). clinical.md §6 asks
# for the % change in each window from the heaviest weight recorded in it.
WEIGHT_LOSS_SOURCE = "ASPEN"


@dataclass(frozen=True)
class LossWindow:
    key: str
    days: int
    threshold_percent: Decimal


WEIGHT_LOSS_WINDOWS = (  # the shorter window first: a faster loss is the more pressing one
    LossWindow("month", 30, Decimal("5")),
    LossWindow("six_months", 182, Decimal("10")),
)

WEIGHT_LOSS_MESSAGES = {
    "month": _("Weight is down %(percent)s %% in a month — this can matter; tell the clinician or dietitian."),
    "six_months": _("Weight is down %(percent)s %% in six months — this can matter; "
                    "tell the clinician or dietitian."),
}
ESTIMATED_NOTE = _("This weight was estimated, not weighed on a scale.")


@dataclass(frozen=True)
class WeightAlert:
    window: str            # "month" or "six_months"
    percent: Decimal       # loss from the window's heaviest weight, exact
    heaviest_kg: Decimal
    estimated: bool        # the new weight was estimated, not weighed

    @property
    def shown_percent(self):
        return self.percent.quantize(Decimal("0.1"))

    def as_data(self):
        """For the timeline's JSON."""
        return {"window": self.window, "percent": float(self.shown_percent), "estimated": self.estimated}


def weight_alert(patient, entry):
    """Compare ``entry``'s weight with the heaviest weight in the 30 and 182 days before it.

    Only earlier entries of the same patient count (not the entry itself, not deleted ones).
    An estimated weight is still compared; the alert says it was estimated. One query.
    """
    if entry.weight_kg is None or entry.occurred_at is None:
        return None
    longest = max(window.days for window in WEIGHT_LOSS_WINDOWS)
    earlier = (type(entry).objects.alive()
               .filter(patient=patient, weight_kg__isnull=False, occurred_at__lt=entry.occurred_at,
                       occurred_at__gte=entry.occurred_at - timedelta(days=longest))
               .exclude(pk=entry.pk))
    heaviest = earlier.aggregate(**{
        window.key: Max("weight_kg", filter=Q(occurred_at__gte=entry.occurred_at - timedelta(days=window.days)))
        for window in WEIGHT_LOSS_WINDOWS})
    weight = Decimal(entry.weight_kg)
    for window in WEIGHT_LOSS_WINDOWS:
        top = heaviest[window.key]
        if top is None or top <= 0:
            continue
        percent = (Decimal(top) - weight) * 100 / Decimal(top)
        if percent >= window.threshold_percent:
            return WeightAlert(window=window.key, percent=percent, heaviest_kg=Decimal(top),
                               estimated=entry.weight_method == "estimated")
    return None


def weight_alert_message(window, percent):
    return WEIGHT_LOSS_MESSAGES[window] % {"percent": percent}


@dataclass(frozen=True)
class CalfFlag:
    side: str              # "left" or "right"
    value_cm: Decimal
    below_cm: Decimal      # the cut-off it is under
    sex: str


def calf_flags(sex, left_cm=None, right_cm=None):
    """Each measured calf under the AWGS 2019 cut-off for the patient's sex; none if sex unknown."""
    cutoff = CALF_LOW_BELOW_CM.get(sex)
    if cutoff is None:
        return []
    flags = []
    for side, value in (("left", as_decimal(left_cm)), ("right", as_decimal(right_cm))):
        if value is not None and value < cutoff:
            flags.append(CalfFlag(side=side, value_cm=value, below_cm=cutoff, sex=sex))
    return flags


def muac_is_low(muac_cm):
    value = as_decimal(muac_cm)
    return value is not None and value <= MUAC_LOW_AT_OR_BELOW_CM
