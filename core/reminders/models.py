"""Care-plan schedules, their occurrences, and how members are reached.

An occurrence is one "turn Rosa at 14:00": it is stored (materialised from the
schedule a little ahead of time) so that completing it, notifying about it and
counting adherence all refer to one row, and so that a unique constraint makes
"exactly once" a database fact rather than a hope.
"""

import datetime
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.patients.models import Patient

from .positions import Position


class Kind(models.TextChoices):
    PASSIVE_MOVEMENT = "passive_movement", _("Passive movement session")
    REPOSITIONING = "repositioning", _("Repositioning (turning)")
    SKIN_CHECK = "skin_check", _("Skin check")
    MOBILITY_CHECK = "mobility_check", _("Mobility check")
    MEAL = "meal", _("Meal or fluids")
    CUSTOM = "custom", _("Other task")


class Recurrence(models.TextChoices):
    INTERVAL = "interval", _("Every few hours")
    TIMES = "times", _("At set times of day")


class Assignment(models.TextChoices):
    EVERYONE = "everyone", _("Everyone who gives care")
    MEMBER = "member", _("One person")
    ON_DUTY = "on_duty", _("Whoever is on duty")


WEEKDAYS = [(0, _("Mon")), (1, _("Tue")), (2, _("Wed")), (3, _("Thu")), (4, _("Fri")), (5, _("Sat")),
            (6, _("Sun"))]


class ScheduleQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(active=True).filter(models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now))


class Schedule(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="schedules",
                                verbose_name=_("patient"))
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=80, blank=True,
                             help_text=_("Needed for other tasks; optional otherwise."))
    recurrence = models.CharField(_("repeat"), max_length=10, choices=Recurrence.choices,
                                  default=Recurrence.INTERVAL)
    interval_minutes = models.PositiveIntegerField(
        _("every (minutes)"), null=True, blank=True,
        validators=[MinValueValidator(15), MaxValueValidator(7 * 24 * 60)])
    night_interval_minutes = models.PositiveIntegerField(
        _("at night, every (minutes)"), null=True, blank=True,
        validators=[MinValueValidator(15), MaxValueValidator(24 * 60)])
    night_starts = models.TimeField(_("night starts"), null=True, blank=True)
    night_ends = models.TimeField(_("night ends"), null=True, blank=True)
    times_of_day = models.JSONField(_("times of day"), default=list, blank=True)
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True,
                                help_text=_("None ticked means every day."))
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    assignment = models.CharField(_("who"), max_length=10, choices=Assignment.choices,
                                  default=Assignment.EVERYONE)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+", verbose_name=_("person"))
    escalate_after_minutes = models.PositiveIntegerField(
        _("tell the others when late by (minutes)"), null=True, blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_("Leave empty to never alert the rest of the circle."))
    active = models.BooleanField(_("active"), default=True)
    # Occurrences are stored up to here; Today tops them up only when this comes near.
    materialised_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="schedule_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=models.F("starts_at")),
                name="schedule_ends_after_start"),
            models.CheckConstraint(
                condition=~models.Q(recurrence="interval") | models.Q(interval_minutes__gte=15),
                name="schedule_interval_at_least_15_minutes"),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .planning import replan  # planning imports this module
        replan(self.patient_id)  # Today reads the schedules again

    def delete(self, *args, **kwargs):
        patient_id = self.patient_id
        result = super().delete(*args, **kwargs)
        from .planning import replan
        replan(patient_id)
        return result

    @property
    def label(self):
        return self.title or self.get_kind_display()

    @property
    def has_night_interval(self):
        return bool(self.night_interval_minutes and self.night_starts and self.night_ends)

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == Kind.CUSTOM and not self.title.strip():
            errors["title"] = _("Give this task a short title.")
        if self.recurrence == Recurrence.INTERVAL:
            if not self.interval_minutes:
                errors["interval_minutes"] = _("Say how often, for example every 2 hours.")
            night = [self.night_interval_minutes, self.night_starts, self.night_ends]
            if any(night) and not all(night):
                errors["night_interval_minutes"] = _(
                    "For a different night interval, give the interval and when the night starts and ends.")
            elif all(night) and self.night_starts == self.night_ends:
                errors["night_ends"] = _("The night cannot start and end at the same time.")
        if self.recurrence == Recurrence.TIMES:
            if not self.times_of_day:
                errors["times_of_day"] = _("Add at least one time of day.")
            else:
                try:
                    parsed = [datetime.time.fromisoformat(t) for t in self.times_of_day]
                except (TypeError, ValueError):
                    errors["times_of_day"] = _("Write times like 08:00 or 20:30.")
                else:
                    if len(set(parsed)) != len(parsed):
                        errors["times_of_day"] = _("Each time may appear only once.")
        if not isinstance(self.weekdays, list) or any(d not in range(7) for d in self.weekdays):
            errors["weekdays"] = _("Choose weekdays from the list.")
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.assignment == Assignment.MEMBER and not self.assignee_id:
            errors["assignee"] = _("Choose the person this is for.")
        if errors:
            raise ValidationError(errors)


class OccurrenceQuerySet(models.QuerySet):
    def for_patient(self, patient):
        return self.filter(patient=patient)

    def pending(self):
        return self.filter(status=Occurrence.Status.PENDING)

    def done(self):
        return self.filter(status=Occurrence.Status.DONE)

    def notifiable(self, now):
        """Pending, due, and not snoozed past now."""
        return self.pending().filter(due_at__lte=now).filter(
            models.Q(snoozed_until__isnull=True) | models.Q(snoozed_until__lte=now))


class Occurrence(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("To do")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")

    class SkipReason(models.TextChoices):
        ASLEEP = "asleep", _("Sleeping peacefully")
        REFUSED = "refused", _("Did not want it")
        AWAY = "away", _("Away or in hospital")
        UNWELL = "unwell", _("Unwell today")
        OTHER = "other", _("Other reason")

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="occurrences")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="occurrences")
    kind = models.CharField(max_length=20, choices=Kind.choices)  # copied: Today never joins for it
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    snoozed_until = models.DateTimeField(_("snoozed until"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("done by"))
    position = models.CharField(_("new position"), max_length=20, choices=Position.choices, blank=True)
    skip_reason = models.CharField(_("reason"), max_length=10, choices=SkipReason.choices, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "due_at"], name="one_occurrence_per_time"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(done_at__isnull=False),
                name="done_occurrence_has_time"),
        ]
        indexes = [
            models.Index(fields=["patient", "due_at"]),
            models.Index(fields=["patient", "kind", "status", "done_at"]),
            models.Index(fields=["status", "due_at"]),
        ]

    def __str__(self):
        return f"{self.schedule} @ {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def label(self):
        return self.schedule.label

    def is_snoozed(self, now=None):
        return bool(self.snoozed_until and self.snoozed_until > (now or timezone.now()))


class DutyShift(models.Model):
    """A line of the duty roster: this member is on duty on these weekdays, between these hours
    (in the patient's time zone). A shift that ends before it starts runs past midnight."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="duty_shifts")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("who"))
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True,
                                help_text=_("None ticked means every day."))
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty roster")
        ordering = ["starts"]

    def clean(self):
        if self.starts == self.ends:
            raise ValidationError({"ends": _("A shift cannot start and end at the same time.")})
        if not isinstance(self.weekdays, list) or any(d not in range(7) for d in self.weekdays):
            raise ValidationError({"weekdays": _("Choose weekdays from the list.")})

    def covers(self, local_dt):
        """Whether this shift covers the local date-time (weekday is the shift's start day)."""
        t = local_dt.time()
        if self.starts < self.ends:
            day = local_dt.weekday()
            inside = self.starts <= t < self.ends
        else:  # overnight: the part after midnight belongs to the previous day's shift
            inside = t >= self.starts or t < self.ends
            day = local_dt.weekday() if t >= self.starts else (local_dt.weekday() - 1) % 7
        return inside and (not self.weekdays or day in self.weekdays)


class ReminderPreferences(models.Model):
    """How one member wants to be reminded (all their patients)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="reminder_preferences")
    email = models.BooleanField(_("also by e-mail"), default=False)
    quiet_starts = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_ends = models.TimeField(_("quiet until"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder preferences")
        verbose_name_plural = _("reminder preferences")

    def clean(self):
        if bool(self.quiet_starts) != bool(self.quiet_ends):
            raise ValidationError({"quiet_ends": _("Give both the start and the end of your quiet hours.")})
        if self.quiet_starts and self.quiet_starts == self.quiet_ends:
            raise ValidationError({"quiet_ends": _("Quiet hours cannot start and end at the same time.")})

    def is_quiet(self, local_time):
        if not (self.quiet_starts and self.quiet_ends):
            return False
        if self.quiet_starts < self.quiet_ends:
            return self.quiet_starts <= local_time < self.quiet_ends
        return local_time >= self.quiet_starts or local_time < self.quiet_ends


class PushSubscription(models.Model):
    """One browser or installed app that agreed to receive notifications."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="push_subscriptions")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    device = models.CharField(_("device"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")

    def __str__(self):
        return f"{self.user} · {self.device or self.endpoint[:40]}"


class Delivery(models.Model):
    """One notification to one member on one channel about one occurrence.

    The unique constraint is the "exactly once": creating the row twice fails,
    and a worker sends a row only after claiming it with a conditional UPDATE.
    """

    class Channel(models.TextChoices):
        PUSH = "push", _("Push notification")
        EMAIL = "email", _("E-mail")

    class Reason(models.TextChoices):
        DUE = "due", _("Due")
        SNOOZE_OVER = "snooze", _("Snooze is over")
        ESCALATION = "escalation", _("Overdue: others alerted")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        DROPPED = "dropped", _("Not needed any more")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    reason = models.CharField(max_length=10, choices=Reason.choices, default=Reason.DUE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "user", "channel", "reason"],
                                    name="one_delivery_per_occurrence_member_channel_reason"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A secret, revocable iCalendar address for one member (only a hash is stored)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")


SNOOZE_CHOICES = [15, 30, 60]
UNDO_WINDOW = timedelta(minutes=5)
