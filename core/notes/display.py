"""How a note shows in the timeline, and what the generic entry page (core.logs) shows for its
hand-off field: who has read it."""

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.logs.lines import strong, text


def summary(data, line):
    label = _("Hand-off") if data.get("handoff") else _("Note")
    return mark_safe(f"{strong(text(label))}: {escape(data.get('text', ''))}")


def handoff_detail(note):
    receipts = (note.acknowledgements.filter(acknowledged_at__gte=note.updated_at)
                .select_related("user").order_by("acknowledged_at")) if note.handoff else []
    return mark_safe(render_to_string("notes/_detail_handoff.html", {
        "note": note, "receipts": receipts, "time_zone": note.patient.time_zone}).strip())
