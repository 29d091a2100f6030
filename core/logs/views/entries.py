"""Add, view, edit and delete any registered kind of log entry."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.patients.access import Need, patient_view
from core.prepared import Prepared, instance
from core.reminders.models import Occurrence

from .. import registry
from ..access import ensure_can_change
from ..models import TimelineEntry


def _kind_or_404(kind):
    log_kind = registry.get(kind)
    if log_kind is None:
        raise Http404
    return log_kind


def _entry_or_404(log_kind, access, entry_id):
    # Scoped to the URL's patient: an id from another circle is not found.
    return get_object_or_404(log_kind.model.objects.alive(), pk=entry_id, patient=access.patient)


def _occurrence(access, request, log_kind):
    """The reminder this entry answers, if the form was opened from Today."""
    occurrence_id = request.POST.get("occurrence") or request.GET.get("occurrence")
    if not (occurrence_id and str(occurrence_id).isdigit() and log_kind.reminder_kind):
        return None
    return Occurrence.objects.filter(pk=occurrence_id, patient=access.patient,
                                     kind=log_kind.reminder_kind).first()


@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def new(request, access, kind):
    log_kind = _kind_or_404(kind)
    if log_kind.new_url:
        target = reverse(log_kind.new_url, kwargs={"patient_id": access.patient.pk})
        # Keep ?occurrence= so a feature's own flow still answers the reminder it came from.
        return redirect(f"{target}?{request.GET.urlencode()}" if request.GET else target)
    occurrence = _occurrence(access, request, log_kind)
    form = log_kind.form(request.POST or None, request.FILES or None, patient=access.patient, user=request.user)
    if request.method == "POST":
        replay = _replayed(request, access)
        if replay is not None:
            return replay
        if form.is_valid():
            try:
                with transaction.atomic():
                    entry = form.save()
                    occurrence = occurrence or _due_reminder(access, log_kind)
                    if occurrence is not None:
                        _answer_reminder(entry, occurrence, request.user)
            except IntegrityError:  # the same entry sent twice at the same moment
                return _replayed(request, access) or redirect("logs:menu", patient_id=access.patient.pk)
            messages.success(request, _("Saved: %(kind)s.") % {"kind": log_kind.label})
            return redirect(after_save(log_kind, entry))
    return render(request, log_kind.template, {
        "access": access, "patient": access.patient, "form": form, "log_kind": log_kind,
        "occurrence": occurrence, "creating": True})


def _due_reminder(access, log_kind):
    """A turn logged from the Log tab answers the turn that is due (or just missed), so the
    reminder stops and adherence counts it. Other kinds answer a reminder only when opened from it."""
    if not log_kind.answers_due_reminder:
        return None
    now = timezone.now()
    rows = DUE_REMINDER(patient=access.patient.pk, kind=log_kind.reminder_kind,
                        since=now - timedelta(hours=6), until=now + timedelta(minutes=15))
    return instance(Occurrence, **dict(zip(OCCURRENCE_FIELDS, rows[0]))) if rows else None


# Logging a turn is the app's most frequent write: its two reads are compiled once (core/prepared.py).
OCCURRENCE_FIELDS = [f.attname for f in Occurrence._meta.concrete_fields]
DUE_REMINDER = Prepared(lambda patient, kind, since, until: Occurrence.objects.pending()
                        .filter(patient=patient, kind=kind, due_at__lte=until, due_at__gte=since)
                        .order_by("-due_at").values_list(*OCCURRENCE_FIELDS)[:1])
SAVED_FOR = Prepared(lambda entry_id: TimelineEntry.objects.filter(entry_id=entry_id).values_list("patient_id"))


def _answer_reminder(entry, occurrence, user):
    from core.reminders.actions import mark_done

    if hasattr(entry, "occurrence_id"):  # the entry itself is the record of the reminder
        entry.occurrence = occurrence
        entry.save(update_fields=["occurrence"])
    mark_done(occurrence, user, position=getattr(entry, "position", ""), note=_("Logged"), record=False)


def _replayed(request, access):
    """A form sent again (double tap, offline replay) finds its entry instead of making another."""
    try:
        entry_id = uuid.UUID(request.POST.get("entry_id", ""))
    except ValueError:  # not a UUID: the form will say so
        return None
    saved_for = SAVED_FOR(entry_id=entry_id)
    if not saved_for:
        return None
    if saved_for[0][0] != access.patient.pk:
        raise Http404  # an id that belongs elsewhere is never confirmed
    messages.info(request, _("This was already saved."))
    return redirect("logs:timeline", patient_id=access.patient.pk)


def after_save(log_kind, entry):
    return reverse("logs:detail", kwargs={"patient_id": entry.patient_id, "kind": log_kind.kind,
                                          "entry_id": entry.pk})


@patient_view(Need.READ)
def detail(request, access, kind, entry_id):
    log_kind = _kind_or_404(kind)
    entry = _entry_or_404(log_kind, access, entry_id)
    entry.reader = request.user  # displays that depend on who reads (units) look here
    history = list(entry.history.select_related("history_user").order_by("-history_date")[:20]) \
        if hasattr(entry, "history") else []
    changes = []
    for newer, older in zip(history, history[1:]):
        delta = newer.diff_against(older)
        changes.append((newer, [c.field for c in delta.changes]))
    if history:
        changes.append((history[-1], []))
    can_change = access.can_write and (access.is_owner or entry.recorded_by_id == request.user.id)
    return render(request, "logs/entry_detail.html", {
        "access": access, "patient": access.patient, "log_kind": log_kind, "entry": entry,
        "changes": changes, "can_change": can_change,
        "fields": [(f.verbose_name, _display(entry, f)) for f in log_kind.form._meta.model._meta.fields
                   if f.name in log_kind.form._meta.fields and f.name != "occurred_at"]})


def _display(entry, field):
    getter = getattr(entry, f"get_{field.name}_display", None)
    value = getter() if getter else getattr(entry, field.name)
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    return value if value not in (None, "") else "—"


@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def edit(request, access, kind, entry_id):
    log_kind = _kind_or_404(kind)
    entry = _entry_or_404(log_kind, access, entry_id)
    ensure_can_change(access, entry)
    form = log_kind.form(request.POST or None, request.FILES or None, instance=entry, patient=access.patient,
                         user=request.user)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry._history_user = request.user
        entry.save()
        messages.success(request, _("Changes saved."))
        return redirect(after_save(log_kind, entry))
    return render(request, log_kind.template, {
        "access": access, "patient": access.patient, "form": form, "log_kind": log_kind, "entry": entry,
        "creating": False})


@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def delete(request, access, kind, entry_id):
    log_kind = _kind_or_404(kind)
    entry = _entry_or_404(log_kind, access, entry_id)
    ensure_can_change(access, entry)
    if request.method == "POST":
        entry._history_user = request.user
        entry.soft_delete()
        messages.success(request, _("Deleted. It stays in the edit history."))
        return redirect("logs:timeline", patient_id=access.patient.pk)
    return render(request, "logs/entry_delete.html", {"access": access, "patient": access.patient,
                                                      "log_kind": log_kind, "entry": entry})
