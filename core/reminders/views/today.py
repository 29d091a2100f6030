"""The Today screen and the one-tap actions on it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.notes.today import open_handoffs
from core.patients.access import Need, patient_view

from .. import actions, today as board
from ..forms import DoneForm, SkipForm, SnoozeForm
from ..models import SNOOZE_CHOICES, Occurrence
from ..positions import Position


@patient_view(Need.READ)
def today(request, access):
    return _render(request, access)


def _render(request, access, status=200):
    today = board.build(access.patient)
    # Reminders whose task has a log of its own (skin check, meal, mobility) can open it.
    from core.logs import registry
    log_kinds = {k.reminder_kind: k.kind for k in registry.ordered()
                 if k.reminder_kind and k.reminder_kind not in ("repositioning", "passive_movement")}
    for row in today.overdue + today.due_now + today.snoozed:
        row.log_kind = log_kinds.get(row.occurrence.kind, "")
    context = {"access": access, "patient": access.patient, "board": today,
               "suggested_label": Position(today.suggested_position).label,
               "positions": Position.choices, "snooze_choices": SNOOZE_CHOICES,
               "skip_reasons": Occurrence.SkipReason.choices,
               # Hand-offs are for the people who care (a viewer is not "the next person").
               "handoffs": open_handoffs(access.patient, request.user) if access.can_write else []}
    template = "reminders/_board.html" if request.headers.get("X-Tend-Partial") else "reminders/today.html"
    return render(request, template, context, status=status)


def _occurrence(access, occurrence_id):
    # Scoped to the patient of the URL: an id from another circle is simply not found.
    return get_object_or_404(Occurrence.objects.select_related("schedule"), pk=occurrence_id,
                             patient=access.patient)


def _time(value):
    return formats.time_format(timezone.localtime(value), "TIME_FORMAT")


def _after(request, access, outcome, success):
    if outcome.changed:
        messages.success(request, success)
    else:
        occ = outcome.occurrence
        if occ.status == Occurrence.Status.DONE:
            messages.info(request, _("Already done by %(name)s at %(time)s.") % {
                "name": occ.done_by.display_name if occ.done_by else _("someone"), "time": _time(occ.done_at)})
        elif occ.status == Occurrence.Status.SKIPPED:
            messages.info(request, _("Already skipped by %(name)s at %(time)s.") % {
                "name": occ.done_by.display_name if occ.done_by else _("someone"), "time": _time(occ.done_at)})
        else:
            messages.info(request, _("Nothing to change."))
    return _respond(request, access)


def _respond(request, access):
    """With JavaScript: the refreshed board, no page load. Without: back to Today."""
    if request.headers.get("X-Tend-Partial"):
        return _render(request, access)
    return redirect("reminders:today", patient_id=access.patient.pk)


@require_POST
@patient_view(Need.WRITE)
def done(request, access, occurrence_id):
    occurrence = _occurrence(access, occurrence_id)
    form = DoneForm(request.POST)
    form.is_valid()  # both fields are optional; a bad position is dropped, never an error at 3 a.m.
    data = form.cleaned_data
    outcome = actions.mark_done(occurrence, request.user, data.get("position", ""), data.get("note", ""))
    text = _("%(task)s done at %(time)s.") % {"task": occurrence.label, "time": _time(timezone.now())}
    return _after(request, access, outcome, text)


@require_POST
@patient_view(Need.WRITE)
def snooze(request, access, occurrence_id):
    occurrence = _occurrence(access, occurrence_id)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose 15, 30 or 60 minutes."))
        return _respond(request, access)
    minutes = form.cleaned_data["minutes"]
    outcome = actions.snooze(occurrence, minutes)
    return _after(request, access, outcome, _("Snoozed for %(minutes)s minutes.") % {"minutes": minutes})


@require_POST
@patient_view(Need.WRITE)
def skip(request, access, occurrence_id):
    occurrence = _occurrence(access, occurrence_id)
    form = SkipForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why it is skipped."))
        return _respond(request, access)
    outcome = actions.skip(occurrence, request.user, form.cleaned_data["reason"], form.cleaned_data["note"])
    return _after(request, access, outcome, _("%(task)s skipped.") % {"task": occurrence.label})


@require_POST
@patient_view(Need.WRITE)
def undo(request, access, occurrence_id):
    occurrence = _occurrence(access, occurrence_id)
    outcome = actions.undo(occurrence, request.user)
    if outcome.changed:
        messages.success(request, _("Undone: %(task)s is to do again.") % {"task": occurrence.label})
    else:
        messages.info(request, _("This can no longer be undone."))
    return _respond(request, access)
