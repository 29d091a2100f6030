"""A patient and the care circle around them: members with roles, and invitations."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.accounts.models import validate_time_zone
from core.photos import private_storage


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Condition(models.TextChoices):
    STROKE = "stroke", _("Stroke")
    MULTIPLE_SCLEROSIS = "ms", _("Multiple sclerosis")
    PARKINSONS = "parkinsons", _("Parkinson’s disease")
    SPINAL_CORD_INJURY = "sci", _("Spinal cord injury")
    LONG_ICU_STAY = "icu", _("Long stay in intensive care")
    CANCER_TREATMENT = "cancer", _("Cancer treatment")
    OTHER = "other", _("Other")


class Mobility(models.TextChoices):
    BED_BOUND = "bed", _("Stays in bed")
    CHAIR = "chair", _("Bed to chair")
    WALKS_WITH_HELP = "walks_help", _("Walks with help")
    WALKS_ALONE = "walks_alone", _("Walks alone")


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    CAREGIVER = "caregiver", _("Caregiver")
    VIEWER = "viewer", _("Viewer")


ROLE_HELP = {
    Role.OWNER: _("Everything, including the care circle and deleting the profile."),
    Role.CAREGIVER: _("Logs care and marks tasks done."),
    Role.VIEWER: _("Sees everything, changes nothing."),
}


def current_year():
    return timezone.now().year


class PatientQuerySet(models.QuerySet):
    def for_member(self, user):
        """The only way to list patients: those in the user's own circles."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Patient(models.Model):
    # Random ids: a patient's address reveals nothing and cannot be guessed.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    display_name = models.CharField(
        _("name"), max_length=80,
        help_text=_("How the family calls them, e.g. “Grandma Rosa”."),
    )
    year_of_birth = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True,
        validators=[MinValueValidator(1900)],
    )
    sex = models.CharField(
        _("sex"), max_length=10, choices=Sex.choices, blank=True,
        help_text=_("Optional. Some screening cut-offs differ for women and men."),
    )
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    usual_mobility = models.CharField(
        _("usual mobility"), max_length=20, choices=Mobility.choices, default=Mobility.BED_BOUND,
    )
    time_zone = models.CharField(
        _("patient’s time zone"), max_length=64, default="UTC", validators=[validate_time_zone],
        help_text=_("Reminders follow the clock where the patient is."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    photo = models.FileField(_("photo"), storage=private_storage, upload_to="patients/", blank=True)
    photo_thumb = models.FileField(storage=private_storage, upload_to="patients/", blank=True,
                                   editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Kept by core/reminders/planning.py so that Today need not read the schedules on every
    # view: every active schedule has its occurrences stored at least until this time (None:
    # unknown, look). Any change to a schedule clears it and bumps the version, so a Today
    # view that read the schedules before the change cannot store a stale answer.
    reminders_planned_until = models.DateTimeField(null=True, blank=True, editable=False)
    plan_version = models.PositiveIntegerField(default=0, editable=False)

    objects = PatientQuerySet.as_manager()

    class Meta:
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if self.year_of_birth and self.year_of_birth > current_year():
            raise ValidationError({"year_of_birth": _("The year of birth cannot be in the future.")})
        if not isinstance(self.conditions, list) or any(
            c not in Condition.values for c in self.conditions
        ):
            raise ValidationError({"conditions": _("Choose conditions from the list.")})

    def get_conditions_display(self):
        labels = dict(Condition.choices)
        return [labels[c] for c in self.conditions if c in labels]

    def delete_photo_files(self):
        for field in (self.photo, self.photo_thumb):
            if field:
                field.delete(save=False)


class MembershipQuerySet(models.QuerySet):
    def owners(self):
        return self.filter(role=Role.OWNER)


class Membership(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="memberships",
                                verbose_name=_("patient"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("member"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("circle membership")
        verbose_name_plural = _("circle memberships")
        constraints = [
            models.UniqueConstraint(fields=["patient", "user"], name="one_membership_per_person"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]
        ordering = ["joined_at"]

    def __str__(self):
        return f"{self.user} · {self.patient} ({self.role})"

    @property
    def is_owner(self):
        return self.role == Role.OWNER

    @property
    def can_write(self):
        return self.role in (Role.OWNER, Role.CAREGIVER)

    def get_role_help(self):
        return ROLE_HELP[Role(self.role)]


def hash_token(raw_token):
    return hashlib.sha256(raw_token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True,
                           expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use link into a care circle. Only a hash of its token is stored."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="invitations",
                                verbose_name=_("patient"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.CAREGIVER)
    note = models.CharField(_("for whom"), max_length=80, blank=True,
                            help_text=_("Only for you, e.g. “Uncle Tom”."))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("invited by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("accepted by"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="invitation_role_valid"),
            models.CheckConstraint(condition=models.Q(expires_at__gt=models.F("created_at")),
                                   name="invitation_expires_after_creation"),
        ]

    def __str__(self):
        return f"{self.patient} · {self.role} · {self.status}"

    @classmethod
    def issue(cls, *, patient, role, created_by, note="", days=None):
        """Create an invitation; return it with the raw token, which is never stored."""
        raw_token = secrets.token_urlsafe(32)
        now = timezone.now()
        invitation = cls.objects.create(
            patient=patient, role=role, note=note, created_by=created_by, created_at=now,
            token_hash=hash_token(raw_token),
            expires_at=now + timedelta(days=days or settings.INVITATION_DAYS),
        )
        return invitation, raw_token

    @property
    def status(self):
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING
