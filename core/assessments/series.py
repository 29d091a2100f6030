"""Data for the progress charts: (occurred_at, value) pairs, oldest first, one query each.

Deleted entries are left out; values are the stored results (computed when saved).
"""

from .models import BradenAssessment, MobilityCheck, SarcF


def _series(model, field, patient):
    return list(model.objects.alive().for_patient(patient).filter(**{f"{field}__isnull": False})
                .order_by("occurred_at").values_list("occurred_at", field))


def braden_totals(patient):
    """Braden totals 6–23 (lower means a higher pressure-injury risk)."""
    return _series(BradenAssessment, "total", patient)


def mrc_sums(patient):
    """MRC sum scores 0–60, only from checks that graded all twelve muscle groups."""
    return _series(MobilityCheck, "mrc_sum", patient)


def chair_stands(patient):
    """30-second chair-stand scores (0 when the arms were needed)."""
    return _series(MobilityCheck, "chair_stand", patient)


def tug_times(patient):
    """Timed Up and Go, in seconds (Decimal, one decimal place)."""
    return _series(MobilityCheck, "tug_seconds", patient)


def fac_levels(patient):
    """Functional Ambulation Category 0–5."""
    return _series(MobilityCheck, "fac", patient)


def sarc_f_totals(patient):
    """SARC-F totals 0–10."""
    return _series(SarcF, "total", patient)
