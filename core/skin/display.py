"""How a skin check shows in the timeline: all clear, or how many findings, the worst of them and
whether to call a clinician, with a link to the check's findings and photos."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.logs.lines import flag, join, link, message, number, strong, text

from .staging import Category


def summary(data, line):
    head = strong(text(_("Skin check")))
    parts = [f"{head}: {outcome(data)}"]
    if data.get("findings") and line.entry_id and line.patient:
        href = reverse("skin:detail", args=[line.patient.pk, line.entry_id])
        parts.append(link(href, text(_("Findings and photos"))))
    return join(parts, " ")


def outcome(data):
    if data.get("all_clear"):
        return text(_("all clear"))
    count = data.get("findings")
    if not count:
        return text(_("nothing recorded"))
    # ngettext with literal msgids, right here: makemessages finds them only in the call itself.
    parts = [message(ngettext("%(n)s finding", "%(n)s findings", count), n=number(count))]
    if data.get("worst"):
        worst = text(_("worst:"))
        parts.append(f"{worst} {text(worst_label(data['worst']))}")
    if data.get("clinician"):
        parts.append(flag(text(_("contact your clinician"))))
    return join(parts)


def worst_label(worst):
    # Data written before a category existed, or altered by hand, reads as "not sure yet".
    category = Category(worst) if worst in Category.values else Category.UNSURE
    return str(category.label)
