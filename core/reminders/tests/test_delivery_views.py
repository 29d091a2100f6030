"""The Reminders settings page, push subscriptions, and a notification's Done / Snooze buttons,
for each role: owner, caregiver, viewer, stranger, anonymous."""

import json
import os
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from core.patients.models import Membership, Role
from core.reminders.delivery.payload import action_token
from core.reminders.models import Occurrence, PushSubscription, ReminderPreferences

from .fake_push import due_schedule, subscribe

ROLES = ["owner", "caregiver", "viewer", "stranger"]
PAGE = reverse("reminders:notifications")


def device_of(user, device=""):
    """A stored subscription of ``user`` that is never sent to."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from .fake_push import b64url

    public = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return PushSubscription.objects.create(user=user, endpoint=f"https://push.example.org/{b64url(os.urandom(9))}",
                                           p256dh=b64url(public), auth=b64url(b"0" * 16), device=device)


def as_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def browser_subscription(push_service):
    return push_service.new_subscription()


# -- the page ---------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_every_member_has_their_own_reminders_page(role, circle, client_for, vapid_key):
    for someone in ROLES:
        device_of(circle.users[someone], device=f"{someone}'s phone")
    page = client_for(circle.users[role]).get(PAGE).content.decode()
    assert f"{role}&#x27;s phone" in page
    assert not [other for other in ROLES if other != role and f"{other}&#x27;s phone" in page]
    giving_care = role != "viewer"  # the stranger gives care to a patient of their own
    assert ("viewers get no reminders" in page) is not giving_care


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_without_javascript_the_page_says_push_needs_it_and_points_to_the_calendar(circle, client_for, vapid_key):
    page = client_for(circle.owner).get(PAGE).content.decode()
    assert "<p data-push-unsupported>" in page and "calendar link" in page
    assert "data-push-on hidden" in page  # the button appears only when push.js finds the Push API
    assert 'data-key="' in page and "js/push.js" in page


def test_the_page_is_translated(circle, client_for, vapid_key):
    circle.owner.language = "es"
    circle.owner.save()
    page = client_for(circle.owner).get(PAGE).content.decode()
    assert '<html lang="es"' in page and ">Guardar<" in page


def test_email_and_quiet_hours_are_saved(circle, client_for):
    response = client_for(circle.caregiver).post(PAGE, {"email": "on", "quiet_starts": "22:00",
                                                        "quiet_ends": "07:00"})
    assert response.status_code == 302
    preferences = ReminderPreferences.objects.get(user=circle.caregiver)
    assert preferences.email and str(preferences.quiet_starts) == "22:00:00"


def test_half_a_quiet_period_is_refused(circle, client_for, vapid_key):
    response = client_for(circle.caregiver).post(PAGE, {"quiet_starts": "22:00"})
    assert response.status_code == 200
    assert "Give both the start and the end" in response.content.decode()
    assert not ReminderPreferences.objects.exists()


# -- subscribing ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_any_member_can_turn_on_push_for_their_device(role, circle, client_for, browser_subscription):
    response = as_json(client_for(circle.users[role]), reverse("reminders:push_subscribe"),
                       {**browser_subscription, "device": "Chrome · Android"})
    assert response.status_code == 201 and response.json()["ok"]
    stored = PushSubscription.objects.get()
    assert stored.user == circle.users[role] and stored.device == "Chrome · Android"
    assert stored.p256dh == browser_subscription["keys"]["p256dh"]


def test_anonymous_cannot_subscribe(db, client, browser_subscription):
    response = as_json(client, reverse("reminders:push_subscribe"), browser_subscription)
    assert response.status_code == 302 and not PushSubscription.objects.exists()


def test_subscribing_twice_keeps_one_row(circle, client_for, browser_subscription):
    client = client_for(circle.owner)
    for _ in range(2):
        as_json(client, reverse("reminders:push_subscribe"), browser_subscription)
    assert PushSubscription.objects.count() == 1


def test_subscribing_works_with_a_plain_form_too(circle, client_for, browser_subscription):
    response = client_for(circle.owner).post(reverse("reminders:push_subscribe"), {
        "endpoint": browser_subscription["endpoint"], **browser_subscription["keys"]})
    assert response.status_code == 302 and PushSubscription.objects.filter(user=circle.owner).exists()


@pytest.mark.parametrize("change", [
    {"endpoint": "http://push.example.org/abc"},            # not https
    {"endpoint": "https://10.0.0.5/push"},                  # our own network
    {"endpoint": "https://169.254.169.254/latest"},         # cloud metadata
    {"endpoint": "https://intranet/push"},                  # a bare host name
    {"endpoint": "javascript:alert(1)"},
    {"endpoint": "https://push.example.org/" + "a" * 1000},
    {"p256dh": "AAAA"},                                     # too short
    {"p256dh": "BA" + "A" * 85},                            # 65 bytes, but not a point on P-256
    {"auth": "c2hvcnQ"},                                    # not 16 bytes
    {"auth": None},
])
def test_a_subscription_that_is_not_a_real_push_service_is_refused(change, circle, client_for,
                                                                    browser_subscription):
    data = {"endpoint": browser_subscription["endpoint"], **browser_subscription["keys"], **change}
    data = {k: v for k, v in data.items() if v is not None}
    response = as_json(client_for(circle.owner), reverse("reminders:push_subscribe"), data)
    assert response.status_code == 400 and response.json()["ok"] is False
    assert not PushSubscription.objects.exists()


def test_plain_http_to_this_machine_is_refused_outside_development(circle, client_for, browser_subscription,
                                                                     settings):
    settings.DEBUG, settings.TESTING = False, False
    response = as_json(client_for(circle.owner), reverse("reminders:push_subscribe"), browser_subscription)
    assert response.status_code == 400


def test_one_member_cannot_take_another_members_device(circle, client_for, browser_subscription):
    as_json(client_for(circle.owner), reverse("reminders:push_subscribe"), browser_subscription)
    response = as_json(client_for(circle.caregiver), reverse("reminders:push_subscribe"), browser_subscription)
    assert response.status_code == 404
    assert PushSubscription.objects.get().user == circle.owner


# -- renewal by the service worker ("pushsubscriptionchange") ------------------------------------

RENEWAL = reverse("reminders:push_renewal")


@pytest.mark.parametrize("role", ROLES)
def test_the_service_worker_gets_what_it_needs_to_renew(role, circle, client_for, vapid_key):
    response = client_for(circle.users[role]).get(RENEWAL)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    info = response.json()
    assert info["subscribe"] == reverse("reminders:push_subscribe")
    assert info["key"] and info["csrf"]


def test_anonymous_gets_no_renewal_details(db, client):
    response = client.get(RENEWAL)
    assert response.status_code == 302 and "csrf" not in response.content.decode()


def test_a_renewal_replaces_the_old_subscription_and_keeps_its_name(circle, client_for, browser_subscription,
                                                                     vapid_key):
    from django.test import Client

    old = device_of(circle.caregiver, device="Chrome · Android")
    other = device_of(circle.caregiver, device="Firefox · Windows")
    client = Client(enforce_csrf_checks=True)
    client.force_login(circle.caregiver)
    csrf = client.get(RENEWAL).json()["csrf"]  # as the service worker does: no page to read it from
    response = client.post(reverse("reminders:push_subscribe"),
                           json.dumps({**browser_subscription, "replaces": old.endpoint}),
                           content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201
    devices = {d.endpoint: d.device for d in PushSubscription.objects.filter(user=circle.caregiver)}
    assert devices == {browser_subscription["endpoint"]: "Chrome · Android", other.endpoint: "Firefox · Windows"}


def test_a_renewal_never_removes_another_members_device(circle, client_for, browser_subscription):
    theirs = device_of(circle.owner, device="Owner's phone")
    response = as_json(client_for(circle.caregiver), reverse("reminders:push_subscribe"),
                       {**browser_subscription, "replaces": theirs.endpoint})
    assert response.status_code == 201
    assert PushSubscription.objects.filter(pk=theirs.pk, user=circle.owner).exists()
    assert PushSubscription.objects.get(endpoint=browser_subscription["endpoint"]).user == circle.caregiver


def test_a_renewal_without_the_token_is_refused(circle, browser_subscription, vapid_key):
    from django.test import Client

    old = device_of(circle.caregiver)
    client = Client(enforce_csrf_checks=True)
    client.force_login(circle.caregiver)
    response = client.post(reverse("reminders:push_subscribe"),
                           json.dumps({**browser_subscription, "replaces": old.endpoint}),
                           content_type="application/json")
    assert response.status_code == 403
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [old.endpoint]


def test_the_service_worker_asks_for_the_renewal_details_at_their_address():
    from django.conf import settings

    assert f'fetch("{RENEWAL}"' in settings.PWA_SERVICE_WORKER_PATH.read_text()


def test_turning_off_deletes_only_ones_own_device(circle, client_for, browser_subscription):
    as_json(client_for(circle.owner), reverse("reminders:push_subscribe"), browser_subscription)
    endpoint = {"endpoint": browser_subscription["endpoint"]}
    assert as_json(client_for(circle.caregiver), reverse("reminders:push_unsubscribe"), endpoint).status_code == 404
    assert PushSubscription.objects.exists()
    assert as_json(client_for(circle.owner), reverse("reminders:push_unsubscribe"), endpoint).status_code == 200
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_each_member_turns_off_their_own_device_and_no_one_elses(role, circle, client_for):
    mine = device_of(circle.users[role])
    theirs = device_of(circle.caregiver if role == "owner" else circle.owner)
    client = client_for(circle.users[role])
    assert as_json(client, reverse("reminders:push_unsubscribe"), {"endpoint": theirs.endpoint}).status_code == 404
    assert as_json(client, reverse("reminders:push_unsubscribe"), {"endpoint": mine.endpoint}).status_code == 200
    assert list(PushSubscription.objects.all()) == [theirs]


@pytest.mark.parametrize("url", ["reminders:push_subscribe", "reminders:push_unsubscribe", "reminders:push_remove",
                                 "reminders:push_test", "reminders:calendar_new", "reminders:calendar_stop"])
def test_anonymous_visitors_change_nothing(url, circle, client):
    device = device_of(circle.owner)
    response = as_json(client, reverse(url), {"endpoint": device.endpoint, "subscription": device.pk})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert PushSubscription.objects.filter(pk=device.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_a_device_in_the_list_can_be_removed_by_its_member_only(role, circle, client_for):
    owners_device = device_of(circle.owner)
    response = client_for(circle.users[role]).post(reverse("reminders:push_remove"),
                                                   {"subscription": owners_device.pk})
    if role == "owner":
        assert response.status_code == 302 and not PushSubscription.objects.exists()
    else:
        assert response.status_code == 404 and PushSubscription.objects.exists()


def test_a_test_notification_reaches_the_members_devices(circle, client_for, push_service, vapid_key):
    device = subscribe(circle.owner, push_service)
    response = client_for(circle.owner).post(reverse("reminders:push_test"))
    assert response.status_code == 302
    [payload] = push_service.delivered(device.endpoint)
    assert payload["tag"] == "tend-test"
    assert push_service.errors == []


# -- a notification's Done and Snooze buttons ----------------------------------------------------

@pytest.fixture
def due(circle):
    due_schedule(circle.patient)
    from core.reminders.delivery.worker import materialise_due

    materialise_due(timezone.now())
    return Occurrence.objects.get()


def act(client, occurrence, user, action="done"):
    return client.post(reverse("reminders:notification_action",
                               kwargs={"action_token": action_token(occurrence.pk, user.pk, action)}))


@pytest.mark.parametrize("role, status", [("owner", 200), ("caregiver", 200), ("viewer", 403), ("stranger", 404)])
def test_done_from_a_notification_for_each_role(role, status, circle, due, client):
    response = act(client, due, circle.users[role])  # no session: the token is the credential
    assert response.status_code == status
    due.refresh_from_db()
    assert (due.status == Occurrence.Status.DONE) is (status == 200)
    if status == 200:
        assert due.done_by == circle.users[role]


def test_done_is_recorded_once_and_a_replay_changes_nothing(circle, due, client):
    first = act(client, due, circle.owner).json()
    due.refresh_from_db()
    done_at = due.done_at
    replay = act(client, due, circle.owner).json()
    assert first["changed"] is True and replay["changed"] is False and replay["status"] == "done"
    due.refresh_from_db()
    assert due.done_at == done_at


def test_snooze_from_a_notification_snoozes_fifteen_minutes_once(circle, due, client):
    assert act(client, due, circle.caregiver, "snooze").json()["changed"] is True
    due.refresh_from_db()
    until = due.snoozed_until
    assert timedelta(minutes=14) < until - timezone.now() <= timedelta(minutes=15)
    assert act(client, due, circle.caregiver, "snooze").json()["changed"] is False
    due.refresh_from_db()
    assert due.snoozed_until == until


def test_a_tampered_token_is_refused(circle, due, client):
    token = action_token(due.pk, circle.owner.pk, "done")
    payload, rest = token.split(":", 1)
    forged = signing.dumps({"o": due.pk, "u": circle.owner.pk, "a": "done"}, salt="another-salt")
    for bad in (payload[:-1] + ("A" if payload[-1] != "A" else "B") + ":" + rest, forged, "nonsense"):
        response = client.post(reverse("reminders:notification_action", kwargs={"action_token": bad}))
        assert response.status_code == 404
    due.refresh_from_db()
    assert due.status == Occurrence.Status.PENDING


def test_a_token_older_than_two_days_is_refused(circle, due, client, monkeypatch):
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 49 * 3600)
    token = action_token(due.pk, circle.owner.pk, "done")
    monkeypatch.setattr(time, "time", real)
    response = client.post(reverse("reminders:notification_action", kwargs={"action_token": token}))
    assert response.status_code == 410
    due.refresh_from_db()
    assert due.status == Occurrence.Status.PENDING


def test_a_member_who_has_since_become_a_viewer_is_refused(circle, due, client):
    Membership.objects.filter(user=circle.caregiver).update(role=Role.VIEWER)
    assert act(client, due, circle.caregiver).status_code == 403
    due.refresh_from_db()
    assert due.status == Occurrence.Status.PENDING


def test_a_member_who_has_left_the_circle_is_refused(circle, due, client):
    Membership.objects.filter(user=circle.caregiver).delete()
    assert act(client, due, circle.caregiver).status_code == 404


def test_a_deactivated_account_is_refused(circle, due, client):
    circle.caregiver.is_active = False
    circle.caregiver.save()
    assert act(client, due, circle.caregiver).status_code == 404


def test_the_buttons_accept_only_post(circle, due, client):
    url = reverse("reminders:notification_action",
                  kwargs={"action_token": action_token(due.pk, circle.owner.pk, "done")})
    assert client.get(url).status_code == 405
