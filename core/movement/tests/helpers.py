import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core.movement.models import PromSession, Routine
from core.reminders.models import Kind, Schedule
from core.reminders.planning import materialise_patient


def start_url(patient):
    return reverse("movement:start", args=[patient.pk])


def step_url(session):
    return reverse("movement:step", args=[session.patient_id, session.pk])


def summary_url(session):
    return reverse("movement:summary", args=[session.patient_id, session.pk])


def routine_url(patient):
    return reverse("movement:routine", args=[patient.pk])


def new_session(patient, user, items=None, **fields):
    routine = Routine(patient=patient, items=items) if items is not None else Routine.for_patient(patient)
    return PromSession.objects.create(patient=patient, recorded_by=user, plan=routine.plan(), **fields)


def start(client, patient, session_id=None, **extra):
    session_id = session_id or uuid.uuid4()
    return client.post(start_url(patient), {"session_id": str(session_id), **extra}), session_id


def answer(client, session, movement, side, action="done", **fields):
    return client.post(step_url(session), {"movement": movement, "side": side, "action": action, **fields})


def item(code, sides="both", reps=10):
    return {"movement": code, "sides": sides, "reps": reps}


def passive_movement_reminder(patient):
    """A passive-movement reminder due a few minutes ago."""
    schedule = Schedule.objects.create(patient=patient, kind=Kind.PASSIVE_MOVEMENT, interval_minutes=6 * 60,
                                       starts_at=timezone.now() - timedelta(minutes=5))
    materialise_patient(patient)
    return schedule.occurrences.filter(due_at__lte=timezone.now()).order_by("-due_at").first()
