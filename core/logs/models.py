"""The base of every bedside log entry, and the timeline that lists them all.

Every entry:
- has a client-generated UUID as its key, so the same form sent twice (double
  tap, flaky network, an offline queue replaying) is stored once;
- says for which patient, who recorded it, when it happened (patient's time),
  when it was created and edited; an edit history is kept (django-simple-history);
- is deleted softly: it leaves the timeline but stays in the history.

The timeline reads one small table, TimelineEntry, that each entry keeps up to
date when it is saved: one query per page, however many kinds of log exist.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.patients.models import Patient
from core.reminders.positions import Position

CLOCK_SKEW = timedelta(minutes=5)


class LogEntryQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def for_patient(self, patient):
        return self.filter(patient=patient)


class LogEntry(models.Model):
    KIND = ""  # set by each concrete log

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("patient"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("recorded by"))
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-occurred_at"]

    def clean(self):
        super().clean()
        if self.occurred_at and self.occurred_at > timezone.now() + CLOCK_SKEW:
            raise ValidationError({"occurred_at": _("This time is in the future. Check the date and time.")})

    def timeline_data(self):
        """Small, language-neutral facts the timeline shows (rendered per member's language)."""
        return {}

    def save(self, *args, **kwargs):
        adding = self._state.adding
        line = {"patient_id": self.patient_id, "kind": self.KIND, "occurred_at": self.occurred_at,
                "recorded_by_id": self.recorded_by_id, "data": self.timeline_data(),
                "deleted": self.deleted_at is not None}
        with transaction.atomic():
            super().save(*args, **kwargs)
            # A new entry's line is new too (the entry's own INSERT has already refused a
            # replayed id); an edit updates its line, or writes it if it was never written.
            if adding or not TimelineEntry.objects.filter(entry_id=self.pk).update(**line):
                TimelineEntry.objects.create(entry_id=self.pk, **line)

    def soft_delete(self):
        self.deleted_at = timezone.now()
        self.save()


class TimelineEntry(models.Model):
    entry_id = models.UUIDField(unique=True)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=30)
    occurred_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    data = models.JSONField(default=dict)
    deleted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        indexes = [
            models.Index(fields=["patient", "deleted", "-occurred_at"]),
            # What the timeline reads: one patient's live entries, newest first.
            models.Index(fields=["patient", "-occurred_at", "-id"], condition=models.Q(deleted=False),
                         name="timeline_live_newest"),
        ]
        ordering = ["-occurred_at"]


class Repositioning(LogEntry):
    KIND = "repositioning"

    position = models.CharField(_("new position"), max_length=20, choices=Position.choices, blank=True)
    heels_floated = models.BooleanField(_("heels floated"), default=False)
    skin_concern = models.BooleanField(_("noticed a red or sore area"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    occurrence = models.OneToOneField("reminders.Occurrence", on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="repositioning", editable=False)
    history = HistoricalRecords()

    class Meta(LogEntry.Meta):
        verbose_name = _("repositioning")
        verbose_name_plural = _("repositionings")
        indexes = [models.Index(fields=["patient", "deleted_at", "-occurred_at"])]

    def timeline_data(self):
        return {"position": self.position, "heels_floated": self.heels_floated,
                "skin_concern": self.skin_concern}
