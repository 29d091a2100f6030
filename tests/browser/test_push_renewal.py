"""The service worker renews a push subscription the push service replaced, with no page open
(its "pushsubscriptionchange" handler), so that the reminders keep reaching the phone.

Headless Chromium has no push service, so the test hands the handler's function the
subscriptions the browser would (an object with the endpoint and toJSON()); everything else
is real: the service worker's fetches with the member's cookies, the CSRF token it asks for,
and the server's replacing of the old device."""

import os

import pytest

from core.accounts.models import User
from core.reminders.models import PushSubscription
from core.reminders.tests.fake_push import b64url
from tests.browser.conftest import check_a11y, new_person, sign_up, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_browser_subscription():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    public = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return {"endpoint": f"https://push.example.org/{b64url(os.urandom(9))}", "expirationTime": None,
            "keys": {"p256dh": b64url(public), "auth": b64url(os.urandom(16))}}


@pytest.fixture
def vapid(settings, tmp_path, monkeypatch):
    for name in ("VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY", "VAPID_SUBJECT"):
        monkeypatch.delenv(name, raising=False)
    settings.VAPID_KEY_DIR = tmp_path / ".vapid"


def test_a_replaced_subscription_is_renewed_by_the_service_worker(page, context, live_server, vapid):
    base = live_server.url
    olivia = new_person("Olivia")
    sign_up(page, base, olivia)
    member = User.objects.get(email=olivia.email)
    old = a_browser_subscription()
    PushSubscription.objects.create(user=member, endpoint=old["endpoint"], p256dh=old["keys"]["p256dh"],
                                    auth=old["keys"]["auth"], device="Chrome · Android")
    visit(page, f"{base}/reminders/")
    check_a11y(page)
    page.evaluate("navigator.serviceWorker.ready")
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")

    fresh = a_browser_subscription()
    renewed = worker.evaluate(
        "([old, fresh]) => renewPush({ endpoint: old }, { endpoint: fresh.endpoint, toJSON: () => fresh })",
        [old["endpoint"], fresh])
    assert renewed is True
    assert list(PushSubscription.objects.filter(user=member).values_list("endpoint", "device")) == [
        (fresh["endpoint"], "Chrome · Android")]

    # Signed out, the handler does nothing and says so: the Reminders page offers to turn on again.
    context.clear_cookies()
    again = worker.evaluate(
        "([old, fresh]) => renewPush({ endpoint: old }, { endpoint: fresh.endpoint, toJSON: () => fresh })"
        ".catch(() => false)", [fresh["endpoint"], a_browser_subscription()])
    assert again is False
    assert PushSubscription.objects.filter(user=member).count() == 1
