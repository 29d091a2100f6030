"""The Progress page: trends of care and strength over 30 days, 90 days or a year."""

from django.shortcuts import render

from core.patients.access import Need, patient_view

from .cards import RANGES, build_cards, period_for, units_of


@patient_view(Need.READ)
def index(request, access):
    patient = access.patient
    period = period_for(patient, request.GET.get("range", ""), units=units_of(request.user))
    return render(request, "progress/index.html", {
        "access": access, "patient": patient, "period": period, "cards": build_cards(patient, period),
        "ranges": [(key, label) for key, (_days, label) in RANGES.items()]})
