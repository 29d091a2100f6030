"""The Log tab (what can be logged, newest entries) and the full timeline."""

import zoneinfo
from itertools import groupby

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.accounts.models import User
from core.patients.access import Need, patient_view

from .. import registry
from ..models import TimelineEntry

PAGE_SIZE = 30  # a phone screen or three; older days are one tap away


def _entries(patient):
    return (TimelineEntry.objects.filter(patient=patient, deleted=False)
            .select_related("recorded_by").order_by("-occurred_at", "-pk"))


@patient_view(Need.READ)
def menu(request, access):
    recent = list(_entries(access.patient)[:5])
    return render(request, "logs/menu.html", {"access": access, "patient": access.patient,
                                              "kinds": registry.ordered(), "recent": recent,
                                              "log_prefix": _log_prefix(access.patient)})


def _log_prefix(patient):
    # Entry links are built from this prefix: one reverse() per page instead of one per line.
    return reverse("logs:menu", kwargs={"patient_id": patient.pk})


@patient_view(Need.READ)
def timeline(request, access):
    patient = access.patient
    entries = _entries(patient)
    kinds = {k.kind: k for k in registry.ordered()}
    kind = request.GET.get("kind", "")
    if kind in kinds or kind == "task":
        entries = entries.filter(kind=kind)
    members = User.objects.filter(memberships__patient=patient).order_by("display_name")
    member = request.GET.get("member", "")
    if member.isdigit():
        entries = entries.filter(recorded_by_id=int(member))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    try:
        zone = zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    days = [(day, list(items)) for day, items in
            groupby(page.object_list, key=lambda e: e.occurred_at.astimezone(zone).date())]
    return render(request, "logs/timeline.html", {
        "access": access, "patient": patient, "page": page, "days": days, "kinds": kinds.values(),
        "kind": kind, "members": members, "member": member, "log_prefix": _log_prefix(patient)})
