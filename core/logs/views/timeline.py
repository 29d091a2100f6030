"""The Log tab (what can be logged, newest entries) and the full timeline."""

import zoneinfo
from itertools import groupby

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.patients.access import Need, patient_view

from .. import registry
from ..lines import render_lines
from ..timeline_queries import Lines, members

PAGE_SIZE = 30  # a phone screen or three; older days are one tap away


@patient_view(Need.READ)
def menu(request, access):
    recent = Lines(access.patient)[0:5]
    lines = render_lines(recent, request.user, access.patient, _log_prefix(access.patient))
    return render(request, "logs/menu.html", {"access": access, "patient": access.patient,
                                              "kinds": registry.ordered(), "recent": lines})


def _log_prefix(patient):
    # Entry links are built from this prefix: one reverse() per page instead of one per line.
    return reverse("logs:menu", kwargs={"patient_id": patient.pk})


@patient_view(Need.READ)
def timeline(request, access):
    patient = access.patient
    kinds = {k.kind: k for k in registry.ordered()}
    kind = request.GET.get("kind", "")
    if kind not in kinds and kind != "task":
        kind = ""
    member = request.GET.get("member", "")
    member_id = int(member) if member.isdigit() and int(member) < 2**63 else None  # a forged id finds nothing
    entries = Lines(patient, kind=kind, member=member_id)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    try:
        zone = zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    items = list(page.object_list)
    lines = render_lines(items, request.user, patient, _log_prefix(patient))
    days = [(day, [html for _, html in group]) for day, group in
            groupby(zip(items, lines), key=lambda pair: pair[0].occurred_at.astimezone(zone).date())]
    return render(request, "logs/timeline.html", {
        "access": access, "patient": patient, "page": page, "days": days, "kinds": kinds.values(),
        "kind": kind, "members": members(patient), "member": member})
