"""The reminder worker: find what is due, record who must hear about it, send each message once.

One pass (``Worker.run_pass``), every 30 seconds from ``manage.py run_reminders``:

1. **Materialise** the occurrences of every active schedule in the last 12 hours (and the
   next few minutes), inserting only the ones not stored yet.
2. **Tidy**: pending deliveries whose occurrence is done or skipped become ``dropped``;
   so do "due" deliveries of an occurrence someone snoozed (the "snooze is over"
   message replaces them) and deliveries of occurrences older than the window.
3. **Plan**: for the latest notifiable occurrence of each schedule (an older one is
   superseded: after an outage nobody needs three "turn Rosa" messages at once), ask
   ``planning.recipients`` who is reminded (assignment, duty roster, quiet hours), and
   create one Delivery per member and channel. The unique constraint on
   (occurrence, member, channel, reason) makes a second pass, or a second worker,
   create nothing new.
4. **Dispatch**: claim a batch of deliveries with one conditional UPDATE (the rows a
   concurrent worker claimed first no longer match its WHERE clause, so each row is won
   by exactly one worker), send them from a thread pool, then record the outcome.
   A failure is retried with exponential backoff and given up after a few attempts;
   a push subscription the push service says is gone (404/410) is deleted.

Sending happens after the claim and before the "sent" mark, so a worker that dies in
between (power cut) leaves its rows claimed until the lease ends, and they are sent
again then: a rare duplicate is better than a missed turn.

Queries per pass, whatever the number of patients: 12 for planning (plus one INSERT per
500 new rows), then 6 per dispatched batch of ``batch_size`` deliveries and one to find
that nothing is left (plus one UPDATE per delivery that failed, one to drop rows whose
member stopped giving care, one to delete gone subscriptions). See docs/reminders-worker.md.
"""

import logging
import os
import secrets
import socket
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from datetime import timedelta
from itertools import count

from django.db import close_old_connections
from django.db.models import F, Q
from django.utils import timezone

from core.patients.models import Membership, Role

from .. import planning
from ..models import Delivery, DutyShift, Occurrence, PushSubscription, Schedule
from ..recurrence import occurrences_between
from . import email, push
from .payload import push_payload

log = logging.getLogger("tend.reminders")

NOTIFY_WINDOW = timedelta(hours=12)   # older than this, an occurrence is history, not a reminder
AHEAD = timedelta(minutes=5)
MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(seconds=30)   # then 1, 2, 4 minutes: within ten minutes, then give up
LEASE = timedelta(minutes=5)          # far longer than one batch takes, even with hanging push services
BATCH_SIZE = 100
THREADS = 16

PENDING = Delivery.Status.PENDING


@dataclass
class PassReport:
    occurrences_added: int = 0
    deliveries_added: int = 0
    dropped: int = 0
    snoozes_rearmed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    subscriptions_removed: int = 0
    plan_seconds: float = 0.0
    dispatch_seconds: float = 0.0

    def __str__(self):
        return " ".join(f"{f.name}={getattr(self, f.name):.3f}" if f.type is float
                        else f"{f.name}={getattr(self, f.name)}" for f in fields(self))

    @property
    def busy(self):
        return any(getattr(self, f.name) for f in fields(self) if f.type is int)


def materialise_due(now, back=NOTIFY_WINDOW, ahead=AHEAD):
    """Store the occurrences of active schedules in [now - back, now + ahead) that are missing.

    Same rows as ``planning.materialise`` (and the same unique constraint absorbs a race
    with a Today page materialising at the same moment), but over the worker's short
    window and inserting only what is not there yet: two queries whatever the number of
    patients, instead of rewriting two days of rows for each of them every 30 seconds.
    """
    start, end = now - back, now + ahead
    schedules = list(Schedule.objects.active().select_related("patient"))
    existing = set(Occurrence.objects.filter(due_at__gte=start, due_at__lt=end, schedule__active=True)
                   .values_list("schedule_id", "due_at"))
    rows = [Occurrence(schedule=schedule, patient_id=schedule.patient_id, kind=schedule.kind, due_at=due)
            for schedule in schedules
            for due in occurrences_between(schedule, start, end, schedule.patient.time_zone)
            if (schedule.pk, due) not in existing]
    if rows:
        Occurrence.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


def drop_unneeded(now):
    pending = Delivery.objects.filter(status=PENDING)
    dropped = pending.exclude(occurrence__status=Occurrence.Status.PENDING).update(
        status=Delivery.Status.DROPPED, claimed_until=None)
    # Snoozed: "due" gives way to "snooze is over"; an escalation waits for the snooze to end.
    dropped += pending.filter(reason=Delivery.Reason.DUE, occurrence__snoozed_until__gt=now).update(
        status=Delivery.Status.DROPPED, claimed_until=None)
    dropped += pending.filter(occurrence__due_at__lt=now - NOTIFY_WINDOW).update(
        status=Delivery.Status.DROPPED, last_error="too late to be useful", claimed_until=None)
    return dropped


def rearm_snoozes(now):
    """A second snooze of the same occurrence deserves a second "snooze is over".

    The unique constraint allows one snooze delivery per member and channel, so the
    row is sent again: it qualifies when it was sent before the current snooze ended,
    which is true once per snooze (after sending, sent_at is past snoozed_until).
    """
    return Delivery.objects.filter(
        reason=Delivery.Reason.SNOOZE_OVER, status=Delivery.Status.SENT,
        occurrence__status=Occurrence.Status.PENDING, occurrence__snoozed_until__lte=now,
        occurrence__due_at__gte=now - NOTIFY_WINDOW, sent_at__lt=F("occurrence__snoozed_until"),
    ).update(status=PENDING, attempts=0, next_attempt_at=now, claimed_until=None, last_error="")


def plan_deliveries(now):
    """Create the Delivery rows that are due now; return how many were new."""
    candidates = (Occurrence.objects.pending()
                  .filter(due_at__lte=now, due_at__gte=now - NOTIFY_WINDOW, schedule__active=True)
                  .select_related("schedule", "patient").order_by("schedule_id", "-due_at"))
    latest = {}
    for occurrence in candidates:
        latest.setdefault(occurrence.schedule_id, occurrence)
    # The latest of each schedule, if it is notifiable (Occurrence.objects.notifiable: pending,
    # due, not snoozed past now). A snoozed latest one still supersedes the older ones.
    occurrences = [o for o in latest.values() if not o.is_snoozed(now)]
    if not occurrences:
        return 0

    patient_ids = {o.patient_id for o in occurrences}
    carers = planning.carers_of(patient_ids)
    shifts = defaultdict(list)
    for shift in DutyShift.objects.filter(patient_id__in=patient_ids):
        shifts[shift.patient_id].append(shift)
    user_ids = {m.user_id for members in carers.values() for m in members}
    preferences = planning.preferences_of(user_ids)
    with_push = set(PushSubscription.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    existing = set(Delivery.objects.filter(occurrence_id__in=[o.pk for o in occurrences])
                   .values_list("occurrence_id", "user_id", "channel", "reason"))

    rows = []
    for occurrence in occurrences:
        members = carers.get(occurrence.patient_id, [])
        roster = shifts[occurrence.patient_id]
        snoozed = occurrence.snoozed_until and occurrence.snoozed_until > occurrence.due_at
        reason = Delivery.Reason.SNOOZE_OVER if snoozed else Delivery.Reason.DUE
        wanted = [(user, reason) for user in planning.recipients(occurrence, members, roster, preferences)]
        late_after = occurrence.schedule.escalate_after_minutes
        if late_after and now >= occurrence.due_at + timedelta(minutes=late_after):
            wanted += [(user, Delivery.Reason.ESCALATION) for user in
                       planning.recipients(occurrence, members, roster, preferences, escalation=True)]
        for user, why in wanted:
            if not user.is_active:
                continue
            channels = [Delivery.Channel.PUSH] if user.pk in with_push else []
            prefs = preferences.get(user.pk)
            if prefs and prefs.email and user.email:
                channels.append(Delivery.Channel.EMAIL)
            rows += [Delivery(occurrence=occurrence, user=user, channel=channel, reason=why, next_attempt_at=now)
                     for channel in channels if (occurrence.pk, user.pk, channel, why) not in existing]
    if rows:
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


class Worker:
    """Runs passes; safe to run several at once (on PostgreSQL) against the same database."""

    def __init__(self, worker_id=None, *, batch_size=BATCH_SIZE, threads=THREADS, lease=LEASE,
                 max_attempts=MAX_ATTEMPTS, first_retry=FIRST_RETRY, push_timeout=push.DEFAULT_TIMEOUT):
        self.worker_id = worker_id or f"{socket.gethostname()[:30]}-{os.getpid()}-{secrets.token_hex(3)}"
        self.batch_size = batch_size
        self.lease = lease
        self.max_attempts = max_attempts
        self.first_retry = first_retry
        self.push_timeout = push_timeout
        self.stop = threading.Event()
        self._claims = count(1)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="tend-send")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._pool.shutdown(wait=True)

    # -- one pass --------------------------------------------------------------------------

    def run_pass(self, now=None):
        report = PassReport()
        started = time.monotonic()
        now = now or timezone.now()
        report.occurrences_added = materialise_due(now)
        report.dropped = drop_unneeded(now)
        report.snoozes_rearmed = rearm_snoozes(now)
        report.deliveries_added = plan_deliveries(now)
        report.plan_seconds = time.monotonic() - started
        started = time.monotonic()
        self.dispatch(report)
        report.dispatch_seconds = time.monotonic() - started
        return report

    def run_forever(self, interval=30.0, on_pass=None):
        """Pass after pass until ``stop`` is set; the pass under way is finished first."""
        while not self.stop.is_set():
            close_old_connections()
            try:
                report = self.run_pass()
            except Exception:  # a database restart must not end the reminders for good
                log.exception("reminder pass failed; trying again in %s s", interval)
            else:
                if on_pass:
                    on_pass(report)
            close_old_connections()
            self.stop.wait(interval)

    # -- dispatch --------------------------------------------------------------------------

    def dispatch(self, report):
        while not self.stop.is_set():
            claimed = self._claim_batch()
            if claimed is None:
                return
            if claimed:
                self._send_batch(*claimed, report)

    def _claim_batch(self):
        """(claim token, deliveries won), ([] if others won them all), or None when nothing is left."""
        now = timezone.now()
        free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        not_snoozed = Q(occurrence__snoozed_until__isnull=True) | Q(occurrence__snoozed_until__lte=now)
        ids = list(Delivery.objects.filter(free, not_snoozed, status=PENDING, next_attempt_at__lte=now)
                   .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:self.batch_size])
        if not ids:
            return None
        token = f"{self.worker_id}#{next(self._claims)}"
        # The claim itself: only rows still pending and unclaimed match, and the database
        # re-checks that condition on each row after any concurrent UPDATE of it commits.
        won = Delivery.objects.filter(free, pk__in=ids, status=PENDING).update(
            claimed_by=token, claimed_until=now + self.lease)
        if not won:
            return token, []
        deliveries = list(Delivery.objects.filter(claimed_by=token, status=PENDING)
                          .select_related("occurrence__schedule", "occurrence__patient", "user"))
        return token, deliveries

    def _send_batch(self, token, deliveries, report):
        # Roles may have changed since the row was created: only carers are reminded.
        carers = set(Membership.objects.filter(
            patient_id__in={d.occurrence.patient_id for d in deliveries},
            user_id__in={d.user_id for d in deliveries}, role__in=[Role.OWNER, Role.CAREGIVER],
        ).values_list("patient_id", "user_id"))
        live, stale = [], []
        for delivery in deliveries:
            ok = (delivery.occurrence.status == Occurrence.Status.PENDING and delivery.user.is_active
                  and (delivery.occurrence.patient_id, delivery.user_id) in carers)
            (live if ok else stale).append(delivery)
        if stale:
            report.dropped += Delivery.objects.filter(pk__in=[d.pk for d in stale], claimed_by=token).update(
                status=Delivery.Status.DROPPED, claimed_until=None)

        devices = defaultdict(list)
        for subscription in PushSubscription.objects.filter(
                user_id__in={d.user_id for d in live if d.channel == Delivery.Channel.PUSH}):
            devices[subscription.user_id].append(subscription)
        jobs = [self._job(delivery, devices[delivery.user_id]) for delivery in live]
        results = list(self._pool.map(_run_safely, jobs))

        now = timezone.now()
        sent, gone = [], []
        for delivery, (outcome, detail, gone_devices) in zip(live, results):
            gone += gone_devices
            if outcome == push.SENT:
                sent.append(delivery.pk)
            elif outcome == push.RETRY and delivery.attempts + 1 < self.max_attempts:
                report.retrying += 1
                Delivery.objects.filter(pk=delivery.pk, claimed_by=token).update(
                    attempts=delivery.attempts + 1, last_error=detail[:300], claimed_until=None,
                    next_attempt_at=now + self.first_retry * 2 ** delivery.attempts)
            else:
                report.failed += 1
                Delivery.objects.filter(pk=delivery.pk, claimed_by=token).update(
                    status=Delivery.Status.FAILED, attempts=delivery.attempts + 1, last_error=detail[:300],
                    claimed_until=None)
                log.warning("reminder delivery %s to member %s failed: %s", delivery.pk, delivery.user_id, detail)
        if sent:
            report.sent += Delivery.objects.filter(pk__in=sent, claimed_by=token).update(
                status=Delivery.Status.SENT, sent_at=now, attempts=F("attempts") + 1, claimed_until=None,
                last_error="")
        if gone:
            report.subscriptions_removed += PushSubscription.objects.filter(pk__in=gone).delete()[0]

    def _job(self, delivery, subscriptions):
        occurrence, user = delivery.occurrence, delivery.user
        if delivery.channel == Delivery.Channel.EMAIL:
            message = email.reminder_email(occurrence, user, delivery.reason)
            return lambda: (*email.send(message), [])
        payload = push_payload(occurrence, user, delivery.reason)
        targets = [(s.pk, push.subscription_info(s)) for s in subscriptions]
        timeout, topic = self.push_timeout, f"occurrence-{occurrence.pk}"
        return lambda: push_to_devices(targets, payload, timeout=timeout, topic=topic)


def push_to_devices(targets, payload, *, timeout=push.DEFAULT_TIMEOUT, topic=None):
    """Send to each of a member's devices: (outcome, detail, ids of subscriptions gone).

    One device reached is enough for "sent"; a retry would repeat it on that device.
    Retry only when no device was reached and at least one may be reached later.
    """
    if not targets:
        return push.FAILED, "no device to notify any more", []
    results = [(pk, push.send(info, payload, timeout=timeout, topic=topic)) for pk, info in targets]
    gone = [pk for pk, result in results if result.outcome == push.GONE]
    details = "; ".join(r.detail for _pk, r in results if r.detail)
    if any(r.outcome == push.SENT for _pk, r in results):
        return push.SENT, details, gone
    if any(r.outcome == push.RETRY for _pk, r in results):
        return push.RETRY, details, gone
    return push.FAILED, details, gone


def _run_safely(job):
    try:
        return job()
    except Exception as error:  # one odd row must not stop the others
        log.exception("sending a reminder failed")
        return push.RETRY, f"{error.__class__.__name__}: {error}", []
