"""The routine editor and the guided session: start, one step at a time, summary."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.guidance import articles
from core.guidance.links import slug_for
from core.patients.access import Need, patient_view
from core.patients.models import Condition
from core.reminders.models import Kind, Occurrence

from . import sessions
from .catalogue import RED_FLAG_REASONS, Side, Status, cautions_for
from .forms import Action, RoutineForm, StartForm, StepForm
from .models import PromSession, Routine, SessionStatus

# "Continue the session started at…" is offered for sessions started this recently.
RESUME_WITHIN = timedelta(hours=12)


@require_http_methods(["GET", "POST"])
@patient_view(Need.READ)
def routine(request, access):
    current = Routine.for_patient(access.patient)
    if request.method == "POST" and not access.can_write:
        raise PermissionDenied
    form = RoutineForm(request.POST or None, routine=current) if access.can_write else None
    if form is not None and request.method == "POST" and form.is_valid():
        form.save(request.user)
        messages.success(request, _("Routine saved."))
        return redirect("movement:routine", patient_id=access.patient.pk)
    return render(request, "movement/routine.html", {
        "access": access, "patient": access.patient, "routine": current, "form": form,
        "steps": current.plan(), "is_default": current.pk is None})


def _occurrence(access, value):
    """A passive-movement reminder of this patient, or 404: an id from elsewhere is never used."""
    if value in (None, ""):
        return None
    return get_object_or_404(Occurrence, pk=value, patient=access.patient, kind=Kind.PASSIVE_MOVEMENT)


@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def start(request, access):
    patient = access.patient
    if request.method == "POST":
        form = StartForm(request.POST)
        if form.is_valid():
            occurrence = _occurrence(access, form.cleaned_data.get("occurrence"))
            session, created = sessions.start(patient, request.user, form.cleaned_data["session_id"], occurrence)
            if not created:
                messages.info(request, _("This session was already started."))
            return redirect("movement:step", patient_id=patient.pk, session_id=session.pk)
        messages.error(request, _("The session could not start. Please tap “Start” again."))
    occurrence_id = request.POST.get("occurrence") or request.GET.get("occurrence") or ""
    occurrence = None
    if str(occurrence_id).isdigit():
        occurrence = Occurrence.objects.filter(pk=occurrence_id, patient=patient,
                                               kind=Kind.PASSIVE_MOVEMENT).first()
    form = StartForm(initial={"occurrence": occurrence.pk if occurrence else None})
    current = Routine.for_patient(patient)
    unfinished = (PromSession.objects.alive().for_patient(patient)
                  .filter(status=SessionStatus.IN_PROGRESS, occurred_at__gte=timezone.now() - RESUME_WITHIN)
                  .select_related("recorded_by").order_by("-occurred_at").first())
    return render(request, "movement/start.html", {
        "access": access, "patient": patient, "form": form, "occurrence": occurrence,
        "routine": current, "steps": current.plan(), "unfinished": unfinished},
        status=400 if request.method == "POST" else 200)


def _session(access, session_id):
    # Scoped to the URL's patient: a session of another circle is simply not found.
    return get_object_or_404(PromSession.objects.alive(), pk=session_id, patient=access.patient)


def _image_alts(group):
    """The illustrations' descriptions from the joint's guidance page, in the member's language."""
    slug = slug_for(group.guide)
    article, _translated = articles.get(slug, translation.get_language()) if slug else (None, False)
    return {name: alt for alt, name in article.images} if article else {}


@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def step(request, access, session_id):
    session = _session(access, session_id)
    if not session.is_open:
        if request.method == "POST":
            messages.info(request, _("This session has already ended."))
        return redirect("movement:summary", patient_id=access.patient.pk, session_id=session.pk)
    done_keys = sessions.recorded_keys(session)
    current = sessions.next_step(session, done_keys)
    if current is None:  # every step answered (another phone may have done the last one)
        sessions.finish(session, request.user)
        return redirect("movement:summary", patient_id=access.patient.pk, session_id=session.pk)
    status = 200
    form = None
    if request.method == "POST":
        form = StepForm(request.POST, session=session)
        if form.is_valid():
            return _answer(request, access, session, form.cleaned_data)
        status = 400
        # Show again the step that was answered, with what was typed, if it is one of this session.
        posted = session.step_for(request.POST.get("movement"), request.POST.get("side"))
        if posted is not None and posted.key not in done_keys:
            current = posted
        else:
            messages.error(request, _("This movement was already recorded.") if posted is not None
                           else _("This movement is not part of this session."))
            form = None
    if form is None:
        form = StepForm(initial={"movement": current.movement.code, "side": current.side}, session=session)
    movement = current.movement
    cautions = cautions_for(movement, access.patient.conditions)
    return render(request, "movement/step.html", {
        "access": access, "patient": access.patient, "session": session, "step": current, "form": form,
        "movement": movement, "group": movement.joint, "total": len(session.plan),
        "answered": len(done_keys), "cautions": cautions,
        "alt": _image_alts(movement.joint).get(movement.image) or movement.label,
        "weak_side": any(c.condition == Condition.STROKE for c in cautions) and _is_weak_side(access.patient, current),
        "show_sides": current.side != Side.NONE, "red_flag_reasons": sorted(RED_FLAG_REASONS),
    }, status=status)


def _is_weak_side(patient, current):
    """Whether this step works the side the routine names as weak after a stroke."""
    if current.side == Side.NONE:
        return False
    routine = Routine.objects.filter(patient=patient).only("affected_side").first()
    return bool(routine and routine.affected_side == current.side)


def _answer(request, access, session, data):
    user = request.user
    if data["action"] == Action.END:
        sessions.end_early(session, user)
        messages.info(request, _("Session ended. The movements not done are recorded as skipped."))
        return redirect("movement:summary", patient_id=access.patient.pk, session_id=session.pk)
    status = {Action.DONE: Status.DONE, Action.SKIP: Status.SKIPPED, Action.STOP: Status.STOPPED}[data["action"]]
    _record, created = sessions.record_step(
        session, data["step"], user, status, reps_done=data.get("reps_done"), pain=data.get("pain"),
        stop_reason=data.get("stop_reason") or "", note=data.get("note") or "")
    if not created:
        messages.info(request, _("This movement was already recorded."))
    return redirect("movement:step", patient_id=access.patient.pk, session_id=session.pk)


@patient_view(Need.READ)
def summary(request, access, session_id):
    session = get_object_or_404(PromSession.objects.alive().select_related("recorded_by", "occurrence"),
                                pk=session_id, patient=access.patient)
    records = list(session.records.select_related("recorded_by").order_by("order"))
    counts = {value: sum(1 for r in records if r.status == value) for value in Status.values}
    return render(request, "movement/summary.html", {
        "access": access, "patient": access.patient, "session": session, "records": records,
        "counts": counts, "total": len(session.plan), "remaining": len(session.plan) - len(records),
        "pains": [r for r in records if r.pain], "stopped": [r for r in records if r.status == Status.STOPPED],
        "red_flag_reasons": sorted(RED_FLAG_REASONS)})
