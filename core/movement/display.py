"""How a passive-movement session shows in the timeline: how many movements were done, skipped
or stopped, the worst pain, whether it ended early or raised a warning sign, with a link to the
session's movements."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.logs.lines import flag, join, link, message, number, strong, text

from .catalogue import StopReason
from .models import SessionStatus

RED_FLAGS = {
    StopReason.SUSPECTED_CLOT: lambda: _("possible blood clot"),
    StopReason.SWELLING: lambda: _("new swelling"),
}


def summary(data, line):
    count = data.get("done") or 0
    # ngettext with literal msgids, right here: makemessages finds them only in the call itself.
    done = message(ngettext("%(n)s movement done", "%(n)s movements done", count), n=number(count))
    head = strong(text(_("Passive movement")))
    parts = [f"{head}: {done}", *counts(data), status(data), red_flag(data)]
    if line.patient and line.entry_id:
        href = reverse("movement:summary", args=[line.patient.pk, line.entry_id])
        parts.append(link(href, text(_("Each movement"))))
    return join(parts)


def counts(data):
    if data.get("skipped"):
        yield message(_("%(n)s skipped"), n=number(data["skipped"]))
    if data.get("stopped"):
        yield message(_("%(n)s stopped"), n=number(data["stopped"]))
    if data.get("worst_pain"):
        yield message(_("pain up to %(pain)s/10"), pain=number(data["worst_pain"]))


def status(data):
    if data.get("status") == SessionStatus.IN_PROGRESS:
        return text(_("not finished"))
    if data.get("status") == SessionStatus.STOPPED:
        return text(_("ended early"))
    return ""


def red_flag(data):
    warning = RED_FLAGS.get(data.get("red_flag"))
    return flag(text(warning())) if warning else ""
