"""The words of a reminder, in the member's language, and the signed links it carries.

A notification's Done and Snooze buttons must work from the lock screen, where the
phone may have no session cookie to send. Each button therefore carries a signed
token bound to one occurrence, one member and one action, valid for two days; the
view that receives it checks the member's role again before acting.
"""

import zoneinfo
from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from ..models import Delivery

ACTION_SALT = "tend.reminders.notification-action"
ACTION_MAX_AGE = timedelta(hours=48)
SNOOZE_MINUTES = 15
DONE, SNOOZE = "done", "snooze"
ACTIONS = (DONE, SNOOZE)


def action_token(occurrence_id, user_id, action):
    return signing.dumps({"o": occurrence_id, "u": user_id, "a": action}, salt=ACTION_SALT)


def read_action_token(token):
    """{"o": occurrence id, "u": user id, "a": action}; raises signing.BadSignature
    (tampered) or its subclass signing.SignatureExpired (older than two days)."""
    data = signing.loads(token, salt=ACTION_SALT, max_age=ACTION_MAX_AGE)
    if not isinstance(data, dict) or data.get("a") not in ACTIONS:
        raise signing.BadSignature("unknown action")
    return data


def action_url(occurrence, user, action):
    return reverse("reminders:notification_action",
                   kwargs={"action_token": action_token(occurrence.pk, user.pk, action)})


def today_url(occurrence):
    return reverse("reminders:today", kwargs={"patient_id": occurrence.patient_id})


def patient_local(occurrence):
    try:
        zone = zoneinfo.ZoneInfo(occurrence.patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return occurrence.due_at.astimezone(zone)


def texts(occurrence, reason):
    """(title, body) in the active language. Only the patient's name and the task:
    a notification shows on a lock screen that others may see."""
    values = {"name": occurrence.patient.display_name, "task": str(occurrence.schedule.label),
              "time": formats.time_format(patient_local(occurrence), "TIME_FORMAT")}
    if reason == Delivery.Reason.ESCALATION:
        return (_("Still to do – %(name)s: %(task)s") % values,
                _("It was due at %(time)s and nobody has done it yet. Can you see to it?") % values)
    if reason == Delivery.Reason.SNOOZE_OVER:
        return (_("%(name)s: %(task)s") % values, _("Snooze is over. It was due at %(time)s.") % values)
    return _("%(name)s: %(task)s") % values, _("Due at %(time)s.") % values


def push_payload(occurrence, user, reason):
    """The JSON the service worker turns into a notification (see core/shell/serviceworker.js)."""
    with translation.override(user.language or None):
        title, body = texts(occurrence, reason)
        return {
            "title": title,
            "body": body,
            "tag": f"tend-occurrence-{occurrence.pk}",
            "url": today_url(occurrence),
            "lang": translation.get_language(),
            "dir": "rtl" if translation.get_language_bidi() else "ltr",
            "timestamp": int(occurrence.due_at.timestamp() * 1000),
            "renotify": reason != Delivery.Reason.DUE,
            "actions": [
                {"action": DONE, "title": _("Done"), "url": action_url(occurrence, user, DONE)},
                {"action": SNOOZE, "title": _("Snooze 15 min"), "url": action_url(occurrence, user, SNOOZE)},
            ],
        }


def trial_payload(user):
    with translation.override(user.language or None):
        return {"title": _("Tend"), "body": _("Notifications work on this device."),
                "tag": "tend-test", "url": reverse("reminders:notifications"),
                "lang": translation.get_language(),
                "dir": "rtl" if translation.get_language_bidi() else "ltr", "actions": []}
