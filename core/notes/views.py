"""Marking a hand-off as read. Notes themselves are added, shown and edited by the generic
log views (core.logs), which this app registers with."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.patients.access import Need, patient_view

from .models import Note
from .today import acknowledge as mark_read


@require_POST
@patient_view(Need.WRITE)
def acknowledge(request, access, note_id):
    # Scoped to the URL's patient: a note of another circle is not found.
    note = get_object_or_404(Note.objects.alive(), pk=note_id, patient=access.patient, handoff=True)
    mark_read(note, request.user)
    messages.success(request, _("Marked as read. The others still see it until they read it."))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("reminders:today", patient_id=access.patient.pk)
