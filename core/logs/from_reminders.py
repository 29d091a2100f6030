"""When a reminder is marked done or skipped, the timeline learns of it too.

A turn becomes a Repositioning entry (so "last turned" and the turning clock see
it, whichever way it was recorded); any other task becomes a timeline line.
"""

import uuid

from django.db import IntegrityError, transaction

from core.reminders.models import Kind

from .models import Repositioning, TimelineEntry

TASK = "task"


def _task_entry_id(occurrence):
    return uuid.uuid5(uuid.NAMESPACE_URL, f"tend:occurrence:{occurrence.pk}")


def record_completion(occurrence):
    if occurrence.status == "pending":
        return None
    if occurrence.kind == Kind.REPOSITIONING and occurrence.status == "done":
        try:
            with transaction.atomic():
                entry, _created = Repositioning.objects.get_or_create(
                    occurrence=occurrence,
                    defaults={"patient_id": occurrence.patient_id, "recorded_by_id": occurrence.done_by_id,
                              "occurred_at": occurrence.done_at, "position": occurrence.position})
        except IntegrityError:  # the same completion recorded by a concurrent request
            entry = Repositioning.objects.get(occurrence=occurrence)
        return entry
    TimelineEntry.objects.update_or_create(entry_id=_task_entry_id(occurrence), defaults={
        "patient_id": occurrence.patient_id, "kind": TASK, "occurred_at": occurrence.done_at,
        "recorded_by_id": occurrence.done_by_id, "deleted": False,
        "data": {"task": occurrence.kind, "title": occurrence.schedule.title, "status": occurrence.status,
                 "reason": occurrence.skip_reason, "note": occurrence.note}})
    return None


def forget_completion(occurrence):
    """Undo on Today takes the line off the timeline (an entry stays in its edit history)."""
    for entry in Repositioning.objects.alive().filter(occurrence=occurrence):
        entry.occurrence = None
        entry.soft_delete()
    TimelineEntry.objects.filter(entry_id=_task_entry_id(occurrence)).update(deleted=True)
