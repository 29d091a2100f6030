"""Starting, answering and ending a guided session. Every step is safe to replay.

- start: the client's UUID is the session's key; sending "Start" twice finds the same session.
- record_step: one record per (session, movement, side); a replayed tap finds the first one.
- a red-flag stop (swelling, suspected clot) pauses every leg step left in the session.
- finishing is one conditional UPDATE, so the reminder it came from is marked done once.
"""

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.logs.models import TimelineEntry

from .catalogue import RED_FLAG_REASONS, Region, Status
from .models import MovementRecord, PromSession, Routine, SessionStatus


def start(patient, user, session_id, occurrence=None):
    """(session, created). An id that belongs to another patient or another log is refused."""
    existing = PromSession.objects.filter(pk=session_id).first()
    if existing is not None:
        return _own(existing, patient), False
    if TimelineEntry.objects.filter(entry_id=session_id).exists():
        raise Http404  # the id of some other entry: never confirmed, never reused
    plan = Routine.for_patient(patient).plan()
    try:
        with transaction.atomic():
            session = PromSession.objects.create(id=session_id, patient=patient, recorded_by=user, plan=plan,
                                                 occurrence=occurrence)
    except IntegrityError:  # the same "Start" sent twice at the same moment
        return _own(PromSession.objects.get(pk=session_id), patient), False
    return session, True


def _own(session, patient):
    if session.patient_id != patient.pk or session.deleted_at is not None:
        raise Http404
    return session


def recorded_keys(session):
    return set(session.records.values_list("movement", "side"))


def next_step(session, done_keys):
    return next((step for step in session.steps() if step.key not in done_keys), None)


def record_step(session, step, user, status, reps_done=None, pain=None, stop_reason="", note=""):
    """(record, created). A red-flag reason also skips the legs still to do; the last step finishes."""
    with transaction.atomic():
        record, created = MovementRecord.objects.get_or_create(
            session=session, movement=step.movement.code, side=step.side,
            defaults={"order": step.number, "status": status, "reps_done": reps_done, "pain": pain,
                      "stop_reason": stop_reason if status != Status.DONE else "", "note": note[:200],
                      "recorded_by": user})
        if not created:
            return record, False
        if status == Status.STOPPED and stop_reason in RED_FLAG_REASONS:
            _pause_legs(session, user, stop_reason)
        if next_step(session, recorded_keys(session)) is None:
            finish(session, user)
        else:
            _refresh_timeline(session)
    return record, True


def _pause_legs(session, user, reason):
    """clinical.md §4/§7: a possible clot means no more leg exercise until a clinician has seen it."""
    done = recorded_keys(session)
    MovementRecord.objects.bulk_create([
        MovementRecord(session=session, movement=step.movement.code, side=step.side, order=step.number,
                       status=Status.SKIPPED, stop_reason=reason, recorded_by=user)
        for step in session.steps() if step.movement.region == Region.LEG and step.key not in done
    ], ignore_conflicts=True)
    if not session.red_flag:
        session.red_flag = reason
        session.save(update_fields=["red_flag", "updated_at"])


def end_early(session, user):
    """The rest is recorded as skipped, so the record says what was and was not done."""
    with transaction.atomic():
        done = recorded_keys(session)
        MovementRecord.objects.bulk_create([
            MovementRecord(session=session, movement=step.movement.code, side=step.side, order=step.number,
                           status=Status.SKIPPED, recorded_by=user)
            for step in session.steps() if step.key not in done
        ], ignore_conflicts=True)
        return finish(session, user, SessionStatus.STOPPED)


def finish(session, user, status=SessionStatus.FINISHED):
    """Close the session once; if it came from a reminder, that reminder is done too."""
    changed = PromSession.objects.filter(pk=session.pk, status=SessionStatus.IN_PROGRESS).update(
        status=status, finished_at=timezone.now())
    session.refresh_from_db()
    if not changed:
        return False
    session.save()  # the edit history and the timeline see the ending
    if session.occurrence_id:
        from core.reminders.actions import mark_done

        note = _("Guided session") if status == SessionStatus.FINISHED else _("Guided session, ended early")
        mark_done(session.occurrence, user, note=note, record=False)  # the session is the record
    return True


def _refresh_timeline(session):
    # The counts on the timeline follow the session as it goes, without a history row per step.
    TimelineEntry.objects.filter(entry_id=session.pk).update(data=session.timeline_data())
