"""The same reminder by e-mail, for members who turned it on.

Short, in the member's language, with the task, the time and a link to Today.
Links need the site's address, which a background worker cannot learn from a
request: it comes from ``SITE_URL`` (setting or environment).
"""

import os
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .payload import texts, today_url

SENT, RETRY = "sent", "retry"


def site_url():
    return (getattr(settings, "SITE_URL", "") or os.environ.get("SITE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def reminder_email(occurrence, user, reason):
    with translation.override(user.language or None):
        title, body = texts(occurrence, reason)
        text = "\n".join([
            title,
            body,
            "",
            _("Open Today to mark it done: %(url)s") % {"url": site_url() + today_url(occurrence)},
            "",
            "-- ",
            _("You get these e-mails because you turned them on in Tend. Change it here: %(url)s")
            % {"url": site_url() + reverse("reminders:notifications")},
        ])
        return EmailMessage(subject=title, body=text, to=[user.email],
                            headers={"Auto-Submitted": "auto-generated"})


def send(message):
    """(outcome, detail). A mail server that is down or refuses for now is retried later."""
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        return RETRY, f"e-mail not sent: {error.__class__.__name__}: {error}"[:300]
    return SENT, ""
