"""The care plan: schedules and the duty roster. Owners and caregivers edit; viewers read."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.patients.access import Need, patient_view

from ..forms import HINTS, PRESETS, DutyShiftForm, ScheduleForm
from ..models import DutyShift, Kind, Schedule
from ..planning import plan_again
from ..recurrence import describe


@patient_view(Need.READ)
def plan(request, access):
    patient = access.patient
    schedules = list(patient.schedules.select_related("assignee").order_by("-active", "kind", "pk"))
    for schedule in schedules:
        schedule.summary = describe(schedule)
    shifts = patient.duty_shifts.select_related("member")
    return render(request, "reminders/plan.html", {
        "access": access, "patient": patient, "schedules": schedules, "shifts": shifts, "kinds": Kind.choices})


@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def new(request, access):
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else Kind.REPOSITIONING
    initial = {"kind": kind, **PRESETS[kind], "starts_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = ScheduleForm(request.POST or None, patient=access.patient, initial=initial)
    if request.method == "POST" and form.is_valid():
        schedule = form.save(commit=False)
        schedule.created_by = request.user
        schedule.save()
        messages.success(request, _("Added to the care plan: %(task)s.") % {"task": schedule.label})
        return redirect("reminders:plan", patient_id=access.patient.pk)
    return render(request, "reminders/schedule_form.html", {
        "access": access, "patient": access.patient, "form": form, "hint": HINTS.get(form["kind"].value()),
        "creating": True})


@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def edit(request, access, schedule_id):
    schedule = get_object_or_404(Schedule, pk=schedule_id, patient=access.patient)
    form = ScheduleForm(request.POST or None, instance=schedule, patient=access.patient)
    if request.method == "POST" and form.is_valid():
        form.save()
        # Future reminders follow the new plan; what was done stays in the history.
        schedule.occurrences.filter(status="pending", due_at__gt=timezone.now()).delete()
        plan_again(schedule)
        messages.success(request, _("Care plan updated."))
        return redirect("reminders:plan", patient_id=access.patient.pk)
    return render(request, "reminders/schedule_form.html", {
        "access": access, "patient": access.patient, "form": form, "hint": HINTS.get(schedule.kind),
        "creating": False, "schedule": schedule})


@require_POST
@patient_view(Need.WRITE)
def stop(request, access, schedule_id):
    schedule = get_object_or_404(Schedule, pk=schedule_id, patient=access.patient)
    plan_again(schedule, active=False)  # first, so that nothing stores its future again after the delete
    schedule.occurrences.filter(status="pending", due_at__gt=timezone.now()).delete()
    messages.success(request, _("Stopped: %(task)s. Its history is kept.") % {"task": schedule.label})
    return redirect("reminders:plan", patient_id=access.patient.pk)


@require_POST
@patient_view(Need.WRITE)
def resume(request, access, schedule_id):
    schedule = get_object_or_404(Schedule, pk=schedule_id, patient=access.patient)
    plan_again(schedule, active=True)
    messages.success(request, _("Resumed: %(task)s.") % {"task": schedule.label})
    return redirect("reminders:plan", patient_id=access.patient.pk)


@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def add_shift(request, access):
    form = DutyShiftForm(request.POST or None, patient=access.patient)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Added to the duty roster."))
        return redirect("reminders:plan", patient_id=access.patient.pk)
    return render(request, "reminders/shift_form.html", {"access": access, "patient": access.patient,
                                                         "form": form})


@require_POST
@patient_view(Need.WRITE)
def remove_shift(request, access, shift_id):
    get_object_or_404(DutyShift, pk=shift_id, patient=access.patient).delete()
    messages.success(request, _("Removed from the duty roster."))
    return redirect("reminders:plan", patient_id=access.patient.pk)
