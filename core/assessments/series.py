"""Data for the progress charts: (occurred_at, value) pairs, oldest first, one query each.

Deleted entries are left out; values are the stored results (computed when saved).
"""

from django.db.models import Q

from core.prepared import Prepared

from .models import BradenAssessment, MobilityCheck, SarcF


def _series(model, field, patient):
    return list(model.objects.alive().for_patient(patient).filter(**{f"{field}__isnull": False})
                .order_by("occurred_at").values_list("occurred_at", field))


def tug_times(patient):
    """Timed Up and Go, in seconds (Decimal, one decimal place)."""
    return _series(MobilityCheck, "tug_seconds", patient)


def fac_levels(patient):
    """Functional Ambulation Category 0–5."""
    return _series(MobilityCheck, "fac", patient)


def sarc_f_totals(patient):
    """SARC-F totals 0–10."""
    return _series(SarcF, "total", patient)


# The Progress page's two: compiled once (core/prepared.py).
MOBILITY = Prepared(lambda patient: MobilityCheck.objects.alive().for_patient(patient)
                    .filter(Q(mrc_sum__isnull=False) | Q(chair_stand__isnull=False))
                    .order_by("occurred_at").values_list("occurred_at", "mrc_sum", "chair_stand"))
BRADEN = Prepared(lambda patient: BradenAssessment.objects.alive().for_patient(patient)
                  .filter(total__isnull=False).order_by("occurred_at").values_list("occurred_at", "total"))


def braden_totals(patient):
    """Braden totals 6–23 (lower means a higher pressure-injury risk)."""
    return BRADEN(patient=patient.pk)


def mobility_scores(patient):
    """MRC sums (0–60, only from checks that graded all twelve muscle groups) and 30-second
    chair stands (0 when the arms were needed), in ONE query: the Progress page shows both.
    {"mrc_sum": [(occurred_at, value)], "chair_stand": [...]}."""
    series = {"mrc_sum": [], "chair_stand": []}
    for at, mrc_sum, chair_stand in MOBILITY(patient=patient.pk):
        if mrc_sum is not None:
            series["mrc_sum"].append((at, mrc_sum))
        if chair_stand is not None:
            series["chair_stand"].append((at, chair_stand))
    return series
