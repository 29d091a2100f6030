"""The hand-offs Today shows a member: written by someone else, not yet read by this member."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.accounts.models import User
from core.prepared import Prepared, instance

from .models import Acknowledgement, Note

# A hand-off is about the next shifts. Older ones stay in the timeline, not on Today, so that
# a member who joins later is not greeted by months of them.
RECENT = timedelta(days=30)
SHOWN = 10


class OpenHandoffs(list):
    more = False  # more open hand-offs than shown


def _open(patient, user, since):
    # Read after its last edit: an edited hand-off asks to be read again.
    read = Acknowledgement.objects.filter(note=OuterRef("pk"), user=user,
                                          acknowledged_at__gte=OuterRef("updated_at"))
    return (Note.objects.filter(patient=patient, handoff=True, deleted_at=None, updated_at__gte=since)
            .exclude(recorded_by=user).exclude(Exists(read))
            .order_by("-occurred_at", "-created_at")
            .values_list("id", "occurred_at", "text", "recorded_by_id", "recorded_by__display_name")[:SHOWN + 1])


OPEN = Prepared(_open)  # on every Today view: compiled once (core/prepared.py)


def open_handoffs(patient, user, now=None):
    """Newest first, at most SHOWN; ONE query however many notes there are."""
    handoffs = OpenHandoffs()
    if not getattr(user, "is_authenticated", False):
        return handoffs
    since = (now or timezone.now()) - RECENT
    for note_id, occurred_at, text, author_id, author_name in OPEN(patient=patient.pk, user=user.pk, since=since):
        note = instance(Note, id=note_id, patient_id=patient.pk, occurred_at=occurred_at, text=text,
                        recorded_by_id=author_id)
        if author_id is not None:
            note.recorded_by = instance(User, id=author_id, display_name=author_name)
        handoffs.append(note)
    handoffs.more = len(handoffs) > SHOWN
    del handoffs[SHOWN:]
    return handoffs


def acknowledge(note, user):
    """This member has read it now. Idempotent: a second tap only moves the time."""
    now = timezone.now()
    try:
        with transaction.atomic():
            Acknowledgement.objects.update_or_create(note=note, user=user, defaults={"acknowledged_at": now})
    except IntegrityError:  # the same tap arriving twice at the same moment
        Acknowledgement.objects.filter(note=note, user=user).update(acknowledged_at=now)
