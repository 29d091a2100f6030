"""The hand-offs Today shows a member: written by someone else, not yet read by this member."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Acknowledgement, Note

# A hand-off is about the next shifts. Older ones stay in the timeline, not on Today, so that
# a member who joins later is not greeted by months of them.
RECENT = timedelta(days=30)
SHOWN = 10


class OpenHandoffs(list):
    more = False  # more open hand-offs than shown


def open_handoffs(patient, user, now=None, limit=SHOWN):
    """Newest first, at most ``limit``; ONE query however many notes there are."""
    handoffs = OpenHandoffs()
    if not getattr(user, "is_authenticated", False):
        return handoffs
    since = (now or timezone.now()) - RECENT
    # Read after its last edit: an edited hand-off asks to be read again.
    read = Acknowledgement.objects.filter(note=OuterRef("pk"), user=user,
                                          acknowledged_at__gte=OuterRef("updated_at"))
    notes = list(Note.objects.alive()
                 .filter(patient=patient, handoff=True, updated_at__gte=since)
                 .exclude(recorded_by=user).exclude(Exists(read))
                 .select_related("recorded_by").order_by("-occurred_at", "-created_at")[:limit + 1])
    handoffs.extend(notes[:limit])
    handoffs.more = len(notes) > limit
    return handoffs


def acknowledge(note, user):
    """This member has read it now. Idempotent: a second tap only moves the time."""
    now = timezone.now()
    try:
        with transaction.atomic():
            Acknowledgement.objects.update_or_create(note=note, user=user, defaults={"acknowledged_at": now})
    except IntegrityError:  # the same tap arriving twice at the same moment
        Acknowledgement.objects.filter(note=note, user=user).update(acknowledged_at=now)
