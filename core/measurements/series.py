"""Measurements as time series, for the progress charts (core.progress).

ONE query, oldest first, alive entries only; values are metric floats (kg, cm) — convert for
display with core.measurements.units.
"""

from django.db.models import Q

from core.prepared import Prepared

from .models import Measurement


def _entries(patient, since):
    return (Measurement.objects.alive().filter(patient=patient, occurred_at__gte=since)
            .order_by("occurred_at", "created_at"))


WEIGHTS_AND_CALVES = Prepared(lambda patient, since: _entries(patient, since)
                    .filter(Q(weight_kg__isnull=False) | Q(calf_left_cm__isnull=False)
                            | Q(calf_right_cm__isnull=False))
                    .values_list("occurred_at", "weight_kg", "calf_left_cm", "calf_right_cm"))


def weights_and_calves(patient, since):
    """Weights and both calves since ``since``, in ONE query compiled once (the Progress page
    shows both): {"weight": [(occurred_at, kg)], "left": [(occurred_at, cm)], "right": [...]}."""
    series = {"weight": [], "left": [], "right": []}
    for at, kg, left, right in WEIGHTS_AND_CALVES(patient=patient.pk, since=since):
        for name, value in (("weight", kg), ("left", left), ("right", right)):
            if value is not None:
                series[name].append((at, float(value)))
    return series
