"""Sending through a fake push service that checks VAPID and decrypts like a browser; and e-mail."""

import smtplib
import zoneinfo
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import resolve
from django.utils import formats, timezone, translation

from core.reminders.delivery.vapid import public_key_b64
from core.reminders.delivery.worker import MAX_ATTEMPTS, Worker
from core.reminders.models import Delivery, Occurrence, PushSubscription, ReminderPreferences

from .fake_push import HANG, due_schedule, subscribe

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


def run_pass(**options):
    options.setdefault("push_timeout", (1, 1))
    with Worker(**options) as worker:
        return worker.run_pass()


def madrid_time(occurrence, language):
    with translation.override(language):
        return formats.time_format(occurrence.due_at.astimezone(MADRID), "TIME_FORMAT")


@pytest.fixture
def family(circle, push_service, vapid_key):
    circle.owner.language = "es"
    circle.owner.save()
    circle.caregiver.language = "ar"
    circle.caregiver.save()
    push_service.expected_vapid_key = public_key_b64(vapid_key)
    circle.owner_device = subscribe(circle.owner, push_service, device="Android")
    circle.caregiver_device = subscribe(circle.caregiver, push_service)
    circle.push = push_service
    return circle


def test_each_carer_gets_one_encrypted_signed_notification_in_their_language(family):
    due_schedule(family.patient)
    report = run_pass()
    assert report.sent == 2 and report.failed == 0
    assert family.push.errors == []  # VAPID signature, aud and expiry checked; payload decrypted
    assert {r.claims["aud"] for r in family.push.received} == {family.push.origin}
    occurrence = Occurrence.objects.get()

    [spanish] = family.push.delivered(family.owner_device.endpoint)
    assert spanish["lang"] == "es" and spanish["dir"] == "ltr"
    assert spanish["title"] == "Rosa: Cambio de posición en la cama"
    assert madrid_time(occurrence, "es") in spanish["body"]
    assert [a["title"] for a in spanish["actions"]][0] == "Listo"
    assert spanish["tag"] == f"tend-occurrence-{occurrence.pk}"
    assert spanish["url"] == f"/p/{family.patient.pk}/today/"

    [arabic] = family.push.delivered(family.caregiver_device.endpoint)
    assert arabic["lang"] == "ar" and arabic["dir"] == "rtl"
    assert "تغيير الوضعية" in arabic["title"]
    assert Delivery.objects.filter(status=Delivery.Status.SENT, attempts=1).count() == 2


def test_the_push_request_asks_for_prompt_delivery(family):
    due_schedule(family.patient)
    run_pass()
    headers = family.push.received[0].headers
    assert headers["urgency"] == "high"
    assert int(headers["ttl"]) >= 600
    assert headers["topic"].startswith("occurrence-")


def test_the_actions_in_the_payload_are_signed_urls_for_done_and_snooze(family, client):
    due_schedule(family.patient)
    run_pass()
    [payload] = family.push.delivered(family.owner_device.endpoint)
    done, snooze = payload["actions"]
    assert (done["action"], snooze["action"]) == ("done", "snooze")
    assert resolve(done["url"]).url_name == "notification_action"
    assert done["url"] != snooze["url"]

    assert client.post(snooze["url"]).status_code == 200
    occurrence = Occurrence.objects.get()
    assert occurrence.is_snoozed()
    assert client.post(done["url"]).json()["changed"] is True
    occurrence.refresh_from_db()
    assert occurrence.status == Occurrence.Status.DONE and occurrence.done_by == family.owner


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_forgot_is_deleted(family, status):
    family.push.behave(family.owner_device.endpoint, status)
    due_schedule(family.patient)
    report = run_pass()
    assert report.subscriptions_removed == 1
    assert not PushSubscription.objects.filter(pk=family.owner_device.pk).exists()
    assert PushSubscription.objects.filter(pk=family.caregiver_device.pk).exists()
    owner_delivery = Delivery.objects.get(user=family.owner)
    assert owner_delivery.status == Delivery.Status.FAILED and str(status) in owner_delivery.last_error
    assert Delivery.objects.get(user=family.caregiver).status == Delivery.Status.SENT


def test_a_server_error_is_retried_with_growing_delays_then_given_up(family):
    family.push.behave(family.owner_device.endpoint, 500)
    due_schedule(family.patient)
    delays = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        before = timezone.now()
        run_pass()
        delivery = Delivery.objects.get(user=family.owner)
        assert delivery.attempts == attempt and "500" in delivery.last_error
        if attempt < MAX_ATTEMPTS:
            assert delivery.status == Delivery.Status.PENDING
            delays.append(round((delivery.next_attempt_at - before).total_seconds() / 30))
            assert run_pass().sent == 0  # not before its time
            Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert delays == [1, 2, 4, 8]  # 30 s, 1, 2, 4 minutes
    assert delivery.status == Delivery.Status.FAILED
    assert len(family.push.attempts(family.owner_device.endpoint)) == MAX_ATTEMPTS
    assert PushSubscription.objects.filter(pk=family.owner_device.pk).exists()  # a 500 is not "gone"
    assert Delivery.objects.get(user=family.caregiver).status == Delivery.Status.SENT


def test_a_recovered_push_service_gets_the_retry(family):
    family.push.behave(family.owner_device.endpoint, 500)
    due_schedule(family.patient)
    run_pass()
    family.push.behave(family.owner_device.endpoint, 201)
    Delivery.objects.update(next_attempt_at=timezone.now())
    assert run_pass().sent == 1
    assert len(family.push.delivered(family.owner_device.endpoint)) == 1
    assert Delivery.objects.get(user=family.owner).attempts == 2


def test_a_hanging_push_service_times_out_without_holding_up_the_others(family, circle):
    family.push.behave(family.owner_device.endpoint, HANG)
    others = [subscribe(circle.caregiver, family.push) for _ in range(3)]
    due_schedule(family.patient)
    started = timezone.now()
    report = run_pass(push_timeout=(0.5, 0.5))
    assert (timezone.now() - started).total_seconds() < 5
    assert report.sent == 1 and report.retrying == 1
    owner_delivery = Delivery.objects.get(user=family.owner)
    assert owner_delivery.status == Delivery.Status.PENDING and "in time" in owner_delivery.last_error
    for device in [family.caregiver_device, *others]:
        assert len(family.push.delivered(device.endpoint)) == 1


def test_one_device_gone_and_one_reached_counts_as_sent(family, circle):
    family.push.behave(family.owner_device.endpoint, 410)
    second = subscribe(circle.owner, family.push)
    due_schedule(family.patient)
    run_pass()
    assert Delivery.objects.get(user=family.owner).status == Delivery.Status.SENT
    assert len(family.push.delivered(second.endpoint)) == 1
    assert not PushSubscription.objects.filter(pk=family.owner_device.pk).exists()


def test_escalation_and_snooze_messages_say_so(family):
    schedule = due_schedule(family.patient, minutes_ago=40, escalate_after_minutes=30,
                            assignment="member", assignee=family.caregiver)
    run_pass()
    [owner_message] = family.push.delivered(family.owner_device.endpoint)
    assert owner_message["renotify"] is True
    with translation.override("es"):
        assert "Cambio de posición en la cama" in owner_message["title"] and "Rosa" in owner_message["title"]
    assert schedule.occurrences.get().deliveries.get(user=family.owner).reason == Delivery.Reason.ESCALATION


def test_email_reminders_are_short_in_the_members_language_and_link_to_today(circle, vapid_key, settings):
    settings.SITE_URL = "https://tend.example.org"
    circle.caregiver.language = "es"
    circle.caregiver.save()
    ReminderPreferences.objects.create(user=circle.caregiver, email=True)
    due_schedule(circle.patient)
    report = run_pass()
    assert report.sent == 1
    [message] = mail.outbox
    assert message.to == ["carer@example.org"]
    assert message.subject == "Rosa: Cambio de posición en la cama"
    assert f"https://tend.example.org/p/{circle.patient.pk}/today/" in message.body
    assert madrid_time(Occurrence.objects.get(), "es") in message.body
    assert "\n" not in message.subject and len(message.body) < 600


def test_a_mail_server_that_is_down_is_retried(circle, vapid_key, monkeypatch):
    ReminderPreferences.objects.create(user=circle.caregiver, email=True)
    due_schedule(circle.patient)

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    report = run_pass()
    delivery = Delivery.objects.get()
    assert report.retrying == 1 and delivery.status == Delivery.Status.PENDING
    assert "SMTPServerDisconnected" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=20)


def test_a_delivery_whose_member_removed_every_device_fails_without_retrying(family):
    due_schedule(family.patient)
    with Worker() as worker:
        worker.stop.set()
        worker.run_pass()
    PushSubscription.objects.filter(user=family.owner).delete()
    run_pass()
    owner_delivery = Delivery.objects.get(user=family.owner)
    assert owner_delivery.status == Delivery.Status.FAILED and owner_delivery.attempts == 1
