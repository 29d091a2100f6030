"""The timeline's reads: a page of lines, how many there are, who wrote them.

The Log tab and the timeline are opened many times a day, so these are compiled once
(core/prepared.py). The filters (kind, member) change the SQL, so each combination has its
own compiled query; paging is a LIMIT/OFFSET given with the values.
"""

from collections import namedtuple
from functools import cache

from django.db.models import Count

from core.accounts.models import User
from core.prepared import Prepared, instance

from .models import TimelineEntry

Line = namedtuple("Line", "entry_id kind occurred_at recorded_by_id data author")


def _filtered(patient, kind, member, by_kind, by_member):
    entries = TimelineEntry.objects.filter(patient=patient, deleted=False)
    if by_kind:
        entries = entries.filter(kind=kind)
    if by_member:
        entries = entries.filter(recorded_by_id=member)
    return entries


@cache
def _page(by_kind, by_member):
    return Prepared(lambda patient, kind, member: _filtered(patient, kind, member, by_kind, by_member)
                    .order_by("-occurred_at", "-pk")
                    .values_list("entry_id", "kind", "occurred_at", "recorded_by_id", "data",
                                 "recorded_by__display_name"), paged=True)


@cache
def _count(by_kind, by_member):
    # GROUP BY the one patient: a COUNT that values_list() can express (no row: none at all).
    return Prepared(lambda patient, kind, member: _filtered(patient, kind, member, by_kind, by_member)
                    .values("patient").annotate(n=Count("pk")).values_list("n"))


MEMBERS = Prepared(lambda patient: User.objects.filter(memberships__patient=patient)
                   .order_by("display_name", "pk").values_list("pk", "display_name"))


class Lines:
    """The patient's timeline, newest first, optionally of one kind or one member: what
    Django's Paginator needs (count() and slicing), each slice one query."""

    def __init__(self, patient, kind="", member=None):
        self.values = {"patient": patient.pk, "kind": kind, "member": member}
        self.variant = (bool(kind), member is not None)

    def count(self):
        rows = _count(*self.variant)(**self.values)
        return rows[0][0] if rows else 0

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        rows = _page(*self.variant)(**self.values, limit=stop - start, offset=start)
        return [Line(*row) for row in rows]


def members(patient):
    return [instance(User, id=pk, display_name=name) for pk, name in MEMBERS(patient=patient.pk)]
