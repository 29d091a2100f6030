"""Measurements as time series, for the progress charts (core.progress).

Each function is ONE query, oldest first, alive entries only; values are metric floats
(kg, cm) — convert for display with core.measurements.units. ``since`` limits the range.
"""

from django.db.models import Q

from core.prepared import Prepared

from .models import Measurement


def _entries(patient, since):
    entries = Measurement.objects.alive().filter(patient=patient).order_by("occurred_at", "created_at")
    return entries.filter(occurred_at__gte=since) if since is not None else entries


def weights(patient, since=None):
    """[(occurred_at, kg), ...]"""
    rows = _entries(patient, since).filter(weight_kg__isnull=False).values_list("occurred_at", "weight_kg")
    return [(at, float(kg)) for at, kg in rows]


def calf_circumferences(patient, since=None):
    """{"left": [(occurred_at, cm), ...], "right": [(occurred_at, cm), ...]}"""
    rows = (_entries(patient, since).filter(Q(calf_left_cm__isnull=False) | Q(calf_right_cm__isnull=False))
            .values_list("occurred_at", "calf_left_cm", "calf_right_cm"))
    sides = {"left": [], "right": []}
    for at, left, right in rows:
        if left is not None:
            sides["left"].append((at, float(left)))
        if right is not None:
            sides["right"].append((at, float(right)))
    return sides


PROGRESS = Prepared(lambda patient, since: _entries(patient, since)
                    .filter(Q(weight_kg__isnull=False) | Q(calf_left_cm__isnull=False)
                            | Q(calf_right_cm__isnull=False))
                    .values_list("occurred_at", "weight_kg", "calf_left_cm", "calf_right_cm"))


def for_progress(patient, since):
    """Weights and both calves since ``since``, in ONE query compiled once (the Progress page
    shows both): {"weight": [(occurred_at, kg)], "left": [(occurred_at, cm)], "right": [...]}."""
    series = {"weight": [], "left": [], "right": []}
    for at, kg, left, right in PROGRESS(patient=patient.pk, since=since):
        for name, value in (("weight", kg), ("left", left), ("right", right)):
            if value is not None:
                series[name].append((at, float(value)))
    return series
