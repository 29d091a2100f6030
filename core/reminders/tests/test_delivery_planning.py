"""Who is reminded, on which channel, for what reason: the Delivery rows a pass creates."""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone

from core.patients.models import Membership, Role
from core.reminders.delivery.worker import Worker, plan_deliveries
from core.reminders.models import (Assignment, Delivery, DutyShift, Occurrence, PushSubscription,
                                   ReminderPreferences)

from .fake_push import due_schedule, subscribe

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


@pytest.fixture
def devices(circle):
    """Everyone in the circle, the viewer too, has a phone that accepts notifications."""
    for n, user in enumerate([circle.owner, circle.caregiver, circle.viewer, circle.stranger]):
        PushSubscription.objects.create(user=user, endpoint=f"https://push.example.org/{n}", p256dh="x", auth="y")
    return circle


def shift(patient, member, from_hours, to_hours):
    """A duty shift from/to so many hours from now, on the patient's clock."""
    now_local = timezone.now().astimezone(MADRID)
    return DutyShift.objects.create(patient=patient, member=member,
                                    starts=(now_local + timedelta(hours=from_hours)).time(),
                                    ends=(now_local + timedelta(hours=to_hours)).time())


def plan(now=None):
    with Worker(threads=1) as worker:
        worker.stop.set()  # plan only: nothing is sent in these tests
        return worker.run_pass(now)


def reminded(reason=Delivery.Reason.DUE, channel=Delivery.Channel.PUSH):
    return sorted(Delivery.objects.filter(reason=reason, channel=channel).values_list("user__display_name", flat=True))


def test_everyone_means_owner_and_caregiver_and_never_the_viewer(devices):
    due_schedule(devices.patient)
    plan()
    assert reminded() == ["Carlos", "Olivia"]


def test_one_person_means_only_that_person(devices):
    due_schedule(devices.patient, assignment=Assignment.MEMBER, assignee=devices.caregiver)
    plan()
    assert reminded() == ["Carlos"]


def test_a_person_who_left_the_circle_falls_back_to_everyone(devices):
    due_schedule(devices.patient, assignment=Assignment.MEMBER, assignee=devices.stranger)
    plan()
    assert reminded() == ["Carlos", "Olivia"]


def test_on_duty_follows_the_roster(devices):
    shift(devices.patient, devices.caregiver, -1, 1)
    due_schedule(devices.patient, assignment=Assignment.ON_DUTY)
    plan()
    assert reminded() == ["Carlos"]


def test_nobody_on_duty_means_everyone(devices):
    shift(devices.patient, devices.caregiver, 2, 3)
    due_schedule(devices.patient, assignment=Assignment.ON_DUTY)
    plan()
    assert reminded() == ["Carlos", "Olivia"]


def test_a_viewer_on_the_roster_is_not_reminded(devices):
    shift(devices.patient, devices.viewer, -1, 1)
    due_schedule(devices.patient, assignment=Assignment.ON_DUTY)
    plan()
    assert reminded() == ["Carlos", "Olivia"]


def test_quiet_hours_leave_a_member_out(devices):
    devices.owner.time_zone = "Europe/Madrid"
    devices.owner.save()
    now_local = timezone.now().astimezone(MADRID)
    ReminderPreferences.objects.create(user=devices.owner, quiet_starts=(now_local - timedelta(hours=1)).time(),
                                       quiet_ends=(now_local + timedelta(hours=1)).time())
    due_schedule(devices.patient)
    plan()
    assert reminded() == ["Carlos"]


@pytest.mark.parametrize("hour, quiet", [(23, True), (3, True), (21, False), (8, False)])
def test_quiet_hours_over_midnight(devices, monkeypatch, hour, quiet):
    # The owner lives in New York; quiet from 22:00 to 07:00 there.
    fixed = datetime.datetime(2026, 1, 14, hour, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    monkeypatch.setattr(timezone, "now", lambda: fixed.astimezone(datetime.timezone.utc))
    devices.owner.time_zone = "America/New_York"
    devices.owner.save()
    ReminderPreferences.objects.create(user=devices.owner, quiet_starts=datetime.time(22),
                                       quiet_ends=datetime.time(7))
    due_schedule(devices.patient)
    plan()
    assert ("Olivia" in reminded()) is not quiet
    assert "Carlos" in reminded()


def test_email_only_for_members_who_turned_it_on(circle):
    ReminderPreferences.objects.create(user=circle.caregiver, email=True)
    ReminderPreferences.objects.create(user=circle.viewer, email=True)
    due_schedule(circle.patient)
    plan()
    assert reminded(channel=Delivery.Channel.EMAIL) == ["Carlos"]
    assert reminded(channel=Delivery.Channel.PUSH) == []  # nobody has a device


def test_a_member_with_neither_device_nor_email_gets_no_rows(circle):
    due_schedule(circle.patient)
    plan()
    assert not Delivery.objects.exists()


def test_late_reminders_escalate_to_the_others_once(devices):
    due_schedule(devices.patient, minutes_ago=45, assignment=Assignment.MEMBER, assignee=devices.caregiver,
                 escalate_after_minutes=30)
    plan()
    plan()
    assert reminded() == ["Carlos"]
    assert reminded(Delivery.Reason.ESCALATION) == ["Olivia"]
    assert Delivery.objects.count() == 2


def test_not_late_enough_does_not_escalate(devices):
    due_schedule(devices.patient, minutes_ago=10, assignment=Assignment.MEMBER, assignee=devices.caregiver,
                 escalate_after_minutes=30)
    plan()
    assert reminded(Delivery.Reason.ESCALATION) == []


def test_a_snoozed_reminder_waits_then_comes_back_as_snooze(devices):
    due_schedule(devices.patient)
    plan()
    occurrence = Occurrence.objects.get()
    Occurrence.objects.filter(pk=occurrence.pk).update(snoozed_until=timezone.now() + timedelta(minutes=15))
    plan()
    # The "due" message would now be noise: it is dropped, and nothing new is planned while snoozed.
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.DROPPED}
    plan(now=timezone.now() + timedelta(minutes=16))
    assert reminded(Delivery.Reason.SNOOZE_OVER) == ["Carlos", "Olivia"]


def test_snoozing_a_second_time_brings_a_second_snooze_message(devices):
    due_schedule(devices.patient)
    occurrence_snoozed_until = timezone.now() - timedelta(minutes=1)
    plan()
    Occurrence.objects.update(snoozed_until=occurrence_snoozed_until)
    plan()
    Delivery.objects.filter(reason=Delivery.Reason.SNOOZE_OVER).update(
        status=Delivery.Status.SENT, sent_at=occurrence_snoozed_until + timedelta(seconds=20))
    # Snoozed again, and that snooze is over too: the same rows are due once more, once.
    Occurrence.objects.update(snoozed_until=timezone.now())
    assert plan().snoozes_rearmed == 2
    assert plan().snoozes_rearmed == 0
    assert Delivery.objects.filter(reason=Delivery.Reason.SNOOZE_OVER, status=Delivery.Status.PENDING).count() == 2


def test_only_the_latest_missed_occurrence_of_a_schedule_is_announced(devices):
    # Every 30 minutes, the last three missed (the worker was down): one message, not three.
    due_schedule(devices.patient, minutes_ago=61, interval_minutes=30)
    plan()
    assert Occurrence.objects.filter(status=Occurrence.Status.PENDING, due_at__lte=timezone.now()).count() == 3
    latest = Occurrence.objects.filter(due_at__lte=timezone.now()).latest("due_at")
    assert set(Delivery.objects.values_list("occurrence_id", flat=True)) == {latest.pk}


def test_occurrences_older_than_twelve_hours_are_not_announced(devices):
    due_schedule(devices.patient, minutes_ago=13 * 60, interval_minutes=24 * 60)
    plan()
    assert not Delivery.objects.exists()


def test_a_done_occurrence_has_its_waiting_deliveries_dropped_and_never_sent(circle, push_service, vapid_key):
    subscribe(circle.owner, push_service)
    due_schedule(circle.patient)
    plan()
    Occurrence.objects.update(status=Occurrence.Status.DONE, done_at=timezone.now(), done_by=circle.caregiver)
    with Worker(threads=2) as worker:
        report = worker.run_pass()
    assert report.dropped == 1 and report.sent == 0
    assert Delivery.objects.get().status == Delivery.Status.DROPPED
    assert push_service.received == []


def test_a_member_who_became_a_viewer_before_sending_is_not_sent(circle, push_service, vapid_key):
    subscribe(circle.caregiver, push_service)
    due_schedule(circle.patient)
    plan()
    Membership.objects.filter(user=circle.caregiver).update(role=Role.VIEWER)
    with Worker(threads=2) as worker:
        worker.run_pass()
    assert Delivery.objects.get().status == Delivery.Status.DROPPED
    assert push_service.received == []


def test_inactive_schedules_are_not_announced(devices):
    schedule = due_schedule(devices.patient)
    schedule.active = False
    schedule.save()
    plan()
    assert not Delivery.objects.exists()


def test_plan_deliveries_alone_is_idempotent(devices):
    due_schedule(devices.patient)
    plan()
    assert plan_deliveries(timezone.now()) == 0
    assert Delivery.objects.count() == 2


def test_an_older_missed_occurrence_does_not_come_forward_while_the_latest_is_snoozed(devices):
    due_schedule(devices.patient, minutes_ago=31, interval_minutes=30)
    with Worker() as worker:
        worker.stop.set()
        worker.run_pass()  # materialise both, announce nothing yet
    Delivery.objects.all().delete()
    latest = Occurrence.objects.filter(due_at__lte=timezone.now()).latest("due_at")
    Occurrence.objects.filter(pk=latest.pk).update(snoozed_until=timezone.now() + timedelta(minutes=15))
    plan()
    assert not Delivery.objects.exists()
