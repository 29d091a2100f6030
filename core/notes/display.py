"""What the generic entry page (core.logs) shows for a note's hand-off field: who has read it."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def handoff_detail(note):
    receipts = (note.acknowledgements.filter(acknowledged_at__gte=note.updated_at)
                .select_related("user").order_by("acknowledged_at")) if note.handoff else []
    return mark_safe(render_to_string("notes/_detail_handoff.html", {
        "note": note, "receipts": receipts, "time_zone": note.patient.time_zone}).strip())
