"""What a member does to an occurrence: done, snooze, skip, undo.

Each is one conditional UPDATE, so two people tapping "done" at the same moment
produce one completion; the second is told who was first. Replaying a request
(double tap, a flaky network resending) changes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .models import UNDO_WINDOW, Occurrence
from .positions import Position


@dataclass
class Outcome:
    changed: bool
    occurrence: Occurrence


def _reload(occurrence_id, changed=False, undone=False):
    occurrence = Occurrence.objects.select_related("done_by", "schedule").get(pk=occurrence_id)
    if changed:
        # The timeline and the logs learn of it, whichever way it was done.
        from core.logs.from_reminders import forget_completion, record_completion
        (forget_completion if undone else record_completion)(occurrence)
    return occurrence


def mark_done(occurrence, user, position="", note="", record=True):
    """record=False: the caller has written the log entry itself (a form opened from the reminder)."""
    now = timezone.now()
    if position and position not in Position.values:
        position = ""
    changed = Occurrence.objects.filter(pk=occurrence.pk, status=Occurrence.Status.PENDING).update(
        status=Occurrence.Status.DONE, done_at=now, done_by=user, position=position, note=note[:200],
        snoozed_until=None)
    return Outcome(bool(changed), _reload(occurrence.pk, changed and record))


def skip(occurrence, user, reason, note=""):
    if reason not in Occurrence.SkipReason.values:
        reason = Occurrence.SkipReason.OTHER
    changed = Occurrence.objects.filter(pk=occurrence.pk, status=Occurrence.Status.PENDING).update(
        status=Occurrence.Status.SKIPPED, done_at=timezone.now(), done_by=user, skip_reason=reason,
        note=note[:200], snoozed_until=None)
    return Outcome(bool(changed), _reload(occurrence.pk, changed))


def snooze(occurrence, minutes):
    until = timezone.now() + timedelta(minutes=minutes)
    changed = Occurrence.objects.filter(pk=occurrence.pk, status=Occurrence.Status.PENDING).update(
        snoozed_until=until)
    return Outcome(bool(changed), _reload(occurrence.pk))


def undo(occurrence, user):
    """Only the person who just did it, and only for a few minutes."""
    changed = Occurrence.objects.filter(
        pk=occurrence.pk, status__in=[Occurrence.Status.DONE, Occurrence.Status.SKIPPED],
        done_by=user, done_at__gte=timezone.now() - UNDO_WINDOW,
    ).update(status=Occurrence.Status.PENDING, done_at=None, done_by=None, position="", skip_reason="",
             note="")
    return Outcome(bool(changed), _reload(occurrence.pk, changed, undone=True))
