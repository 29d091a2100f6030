"""The passive-movement routine in the care plan, and the guided sessions done from it.

A session copies the routine's steps when it starts (``plan``), so editing the
routine halfway through a session never moves the steps under the caregiver's
thumb. Each step answered becomes one MovementRecord; the unique (session,
movement, side) makes a replayed tap a database fact, not a second record.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.logs.models import LogEntry
from core.patients.models import Patient

from . import catalogue
from .catalogue import (
    DEFAULT_REPS, MAX_REPS, MAX_REPS_DONE, MIN_REPS, MOVEMENTS, PAIN_MAX, PAIN_MIN, SIDE_ORDER,
    AffectedSide, Region, RoutineSides, Side, Status, StopReason,
)


def default_items():
    """Every movement, both sides, 10 repetitions (clinical.md §4: Miami SCI dose, both sides)."""
    return [{"movement": code, "sides": RoutineSides.BOTH, "reps": DEFAULT_REPS} for code in MOVEMENTS]


def validate_routine_items(items):
    if not isinstance(items, list):
        raise ValidationError(_("The routine is not a list of movements."))
    seen = set()
    for item in items:
        if not isinstance(item, dict) or item.get("movement") not in MOVEMENTS:
            raise ValidationError(_("Unknown movement in the routine."))
        if item["movement"] in seen:
            raise ValidationError(_("Each movement may appear only once."))
        seen.add(item["movement"])
        if item.get("sides") not in RoutineSides.values:
            raise ValidationError(_("Choose the sides from the list."))
        reps = item.get("reps")
        if not isinstance(reps, int) or isinstance(reps, bool) or not MIN_REPS <= reps <= MAX_REPS:
            raise ValidationError(_("Repetitions must be between %(min)d and %(max)d.")
                                  % {"min": MIN_REPS, "max": MAX_REPS})


@dataclass(frozen=True)
class Step:
    """One movement on one side, as the session shows it."""

    number: int          # 1-based position in the session
    movement: catalogue.Movement
    side: str
    reps: int

    @property
    def key(self):
        return (self.movement.code, self.side)


def plan_steps(items):
    """The session order: the neck, then each arm, then each leg, one side at a time."""
    chosen = {item["movement"]: item for item in items}
    steps = []
    for region in Region.values:
        movements = [m for m in catalogue.movements_in(region) if m.code in chosen]
        steps += [[m.code, Side.NONE, chosen[m.code]["reps"]] for m in movements if not m.bilateral]
        for side in SIDE_ORDER:
            steps += [[m.code, side, chosen[m.code]["reps"]] for m in movements
                      if m.bilateral and chosen[m.code]["sides"] in (RoutineSides.BOTH, side)]
    return steps


class Routine(models.Model):
    """The passive-movement part of one patient's care plan."""

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="prom_routine",
                                   verbose_name=_("patient"))
    items = models.JSONField(_("movements"), default=default_items, validators=[validate_routine_items])
    affected_side = models.CharField(
        _("weak side after a stroke"), max_length=5, choices=AffectedSide.choices, blank=True,
        help_text=_("Optional. The caution about the shoulder names this side."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("passive-movement routine")
        verbose_name_plural = _("passive-movement routines")
        constraints = [
            models.CheckConstraint(condition=models.Q(affected_side__in=AffectedSide.values),
                                   name="routine_affected_side_valid"),
        ]

    def __str__(self):
        return f"{self.patient} · {len(self.items)}"

    @classmethod
    def for_patient(cls, patient):
        """The saved routine, or (unsaved) the default one for a new patient."""
        return cls.objects.filter(patient=patient).first() or cls(patient=patient)

    def plan(self):
        return plan_steps(self.items)

    def by_group(self):
        """[(group, [(movement, sides label, reps)])] of the chosen movements, for reading."""
        chosen = {item["movement"]: item for item in self.items}
        labels = dict(RoutineSides.choices)
        groups = []
        for group, movements in catalogue.by_group():
            rows = [(m, labels.get(chosen[m.code]["sides"]) if m.bilateral else "", chosen[m.code]["reps"])
                    for m in movements if m.code in chosen]
            if rows:
                groups.append((group, rows))
        return groups


class SessionStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")
    STOPPED = "stopped", _("Ended early")


class PromSession(LogEntry):
    """A guided passive range-of-motion session (``occurred_at`` is when it started)."""

    KIND = "prom_session"

    status = models.CharField(_("status"), max_length=12, choices=SessionStatus.choices,
                              default=SessionStatus.IN_PROGRESS, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)
    plan = models.JSONField(_("steps"), default=list, editable=False)
    occurrence = models.ForeignKey("reminders.Occurrence", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="prom_sessions", editable=False)
    red_flag = models.CharField(_("warning sign"), max_length=20, blank=True, editable=False,
                                choices=[(r.value, r.label) for r in StopReason
                                         if r in catalogue.RED_FLAG_REASONS])
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta(LogEntry.Meta):
        verbose_name = _("passive-movement session")
        verbose_name_plural = _("passive-movement sessions")
        indexes = [models.Index(fields=["patient", "deleted_at", "-occurred_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=SessionStatus.values),
                                   name="prom_session_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=SessionStatus.IN_PROGRESS) | models.Q(finished_at__isnull=False),
                name="prom_session_ended_has_time"),
        ]

    def __str__(self):
        return f"{self.patient} · {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self):
        return self.status == SessionStatus.IN_PROGRESS

    def steps(self):
        return [Step(number, MOVEMENTS[code], side, reps)
                for number, (code, side, reps) in enumerate(self.plan, start=1) if code in MOVEMENTS]

    def step_for(self, code, side):
        return next((s for s in self.steps() if s.key == (code, side)), None)

    def timeline_data(self):
        counts = dict(self.records.values_list("status").annotate(n=Count("pk")).order_by())
        worst_pain = self.records.aggregate(worst=Max("pain"))["worst"]
        return {"status": self.status, "steps": len(self.plan), "done": counts.get(Status.DONE, 0),
                "skipped": counts.get(Status.SKIPPED, 0), "stopped": counts.get(Status.STOPPED, 0),
                "worst_pain": worst_pain, "red_flag": self.red_flag}


class MovementRecord(models.Model):
    """What happened to one step of a session."""

    session = models.ForeignKey(PromSession, on_delete=models.CASCADE, related_name="records")
    movement = models.CharField(_("movement"), max_length=30, choices=catalogue.MOVEMENT_CHOICES)
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    order = models.PositiveSmallIntegerField(_("step"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reps_done = models.PositiveSmallIntegerField(
        _("repetitions done"), null=True, blank=True, validators=[MaxValueValidator(MAX_REPS_DONE)])
    pain = models.PositiveSmallIntegerField(
        _("pain (0-10)"), null=True, blank=True,
        validators=[MinValueValidator(PAIN_MIN), MaxValueValidator(PAIN_MAX)])
    stop_reason = models.CharField(_("stopped because"), max_length=20, choices=StopReason.choices,
                                   blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("movement record")
        verbose_name_plural = _("movement records")
        ordering = ["session", "order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "movement", "side"], name="one_record_per_step"),
            models.CheckConstraint(condition=models.Q(movement__in=list(MOVEMENTS)),
                                   name="movement_record_movement_known"),
            models.CheckConstraint(condition=models.Q(side__in=Side.values), name="movement_record_side_valid"),
            models.CheckConstraint(condition=models.Q(status__in=Status.values),
                                   name="movement_record_status_valid"),
            models.CheckConstraint(
                condition=models.Q(pain__isnull=True) | models.Q(pain__gte=PAIN_MIN, pain__lte=PAIN_MAX),
                name="movement_record_pain_0_10"),
            models.CheckConstraint(
                condition=models.Q(reps_done__isnull=True) | models.Q(reps_done__lte=MAX_REPS_DONE),
                name="movement_record_reps_done_range"),
            # Stopped says why; done never carries a stop reason. A skipped step may carry the
            # warning sign that paused it (the rest of the legs after a suspected clot).
            models.CheckConstraint(condition=~models.Q(status=Status.STOPPED) | ~models.Q(stop_reason=""),
                                   name="movement_record_stopped_has_reason"),
            models.CheckConstraint(condition=~models.Q(status=Status.DONE) | models.Q(stop_reason=""),
                                   name="movement_record_done_has_no_reason"),
        ]

    def __str__(self):
        return f"{self.movement} {self.side}: {self.status}"

    @property
    def movement_info(self):
        return MOVEMENTS.get(self.movement)

    def clean(self):
        super().clean()
        movement = MOVEMENTS.get(self.movement)
        if movement is None:
            raise ValidationError({"movement": _("Unknown movement.")})
        if (self.side == Side.NONE) == movement.bilateral:
            raise ValidationError({"side": _("This side does not fit this movement.")})
        if self.status == Status.STOPPED and not self.stop_reason:
            raise ValidationError({"stop_reason": _("Say why you stopped.")})
        if self.status == Status.DONE and self.stop_reason:
            raise ValidationError({"stop_reason": _("A movement that was done has no reason to stop.")})
