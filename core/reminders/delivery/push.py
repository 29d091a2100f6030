"""Sending one Web Push message, and what the push service's answer means for us.

pywebpush encrypts the payload for the subscription (aes128gcm) and signs a VAPID
token for the push service's origin. We only decide what an answer means:

- 2xx: delivered to the push service;
- 404 / 410: the subscription is gone (app uninstalled, permission withdrawn): delete it;
- 429, 5xx, timeout, connection error: try again later;
- any other 4xx: our request is wrong for this subscription; retrying will not help.
"""

import json
import threading
from dataclasses import dataclass

import requests
from pywebpush import WebPushException, webpush

from . import vapid as vapid_keys

SENT, GONE, RETRY, FAILED = "sent", "gone", "retry", "failed"
# (connect, read) seconds: a hanging push service costs one sending thread this long, no more.
DEFAULT_TIMEOUT = (5, 10)
# A reminder is still worth showing for an hour if the phone was off; after that Today says it.
TTL_SECONDS = 60 * 60

_local = threading.local()


@dataclass(frozen=True)
class PushResult:
    outcome: str
    detail: str = ""
    status_code: int | None = None


def subscription_info(subscription):
    return {"endpoint": subscription.endpoint, "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}}


def _session():
    # One keep-alive session per sending thread: requests.Session is not shared across threads.
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def send(info, payload, *, timeout=DEFAULT_TIMEOUT, topic=None, vapid=None):
    """Encrypt ``payload`` (a dict) for the subscription ``info`` and post it. Never raises."""
    headers = {"Urgency": "high"}
    if topic:
        headers["Topic"] = topic  # a newer message with the same topic replaces an undelivered one
    try:
        webpush(info, data=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                vapid_private_key=vapid or vapid_keys.get_vapid(),
                vapid_claims={"sub": vapid_keys.subject()},  # a fresh dict: webpush adds aud and exp to it
                ttl=TTL_SECONDS, timeout=timeout, headers=headers, requests_session=_session())
    except WebPushException as error:
        code = error.status_code
        if code in (404, 410):
            return PushResult(GONE, f"push service answered {code}: subscription gone", code)
        if code is None:
            return PushResult(FAILED, _short(error.message), None)  # bad keys: nothing to retry
        if code == 429 or code >= 500:
            return PushResult(RETRY, f"push service answered {code}", code)
        return PushResult(FAILED, f"push service refused the message: {code}", code)
    except requests.Timeout:
        return PushResult(RETRY, "push service did not answer in time")
    except requests.RequestException as error:
        return PushResult(RETRY, _short(f"cannot reach the push service: {error.__class__.__name__}"))
    except (ValueError, TypeError) as error:  # malformed keys stored before validation existed
        return PushResult(FAILED, _short(f"cannot encrypt for this subscription: {error}"))
    return PushResult(SENT)


def _short(text):
    return str(text)[:300]
