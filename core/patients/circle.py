"""Changes to a care circle. Each one keeps the circle's rules:

- a patient always has at least one owner (the last owner cannot leave or be demoted);
- an invitation is used at most once, and never after it expired or was revoked.

Rows are locked while the rule is checked, so two owners demoting each other at
the same moment cannot leave the patient with none.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Membership, Role, hash_token


class CircleError(ValidationError):
    pass


def _lock_owners(patient_id):
    return list(Membership.objects.select_for_update().filter(patient_id=patient_id, role=Role.OWNER))


def _ensure_another_owner(membership):
    owners = _lock_owners(membership.patient_id)
    if membership.role == Role.OWNER and len(owners) <= 1:
        raise CircleError(
            _("Every patient needs an owner. Make someone else owner first."), code="last_owner"
        )


@transaction.atomic
def create_patient(form, owner):
    """Save a valid PatientForm; whoever creates a patient is its first owner."""
    patient = form.save()
    Membership.objects.create(patient=patient, user=owner, role=Role.OWNER)
    return patient


@transaction.atomic
def change_role(membership, new_role):
    if new_role not in Role.values:
        raise CircleError(_("Choose a role from the list."), code="invalid_role")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if new_role != Role.OWNER:
        _ensure_another_owner(membership)
    membership.role = new_role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership):
    """Used both when an owner removes someone and when a member leaves."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_another_owner(membership)
    membership.delete()


class InvitationProblem(Exception):
    """Why an invitation link cannot be used; shown to the person as is."""

    def __init__(self, message, status=410):
        super().__init__(message)
        self.message = message
        self.status = status


def find_invitation(raw_token):
    invitation = (Invitation.objects.select_related("patient", "created_by")
                  .filter(token_hash=hash_token(raw_token or "")).first())
    if invitation is None:
        raise InvitationProblem(_("This invitation link is not valid. Ask for a new one."), status=404)
    problems = {
        Invitation.Status.ACCEPTED: _("This invitation has already been used. Ask for a new link."),
        Invitation.Status.REVOKED: _("This invitation was cancelled. Ask for a new link."),
        Invitation.Status.EXPIRED: _("This invitation has expired. Ask for a new link."),
    }
    if invitation.status in problems:
        raise InvitationProblem(problems[invitation.status])
    return invitation


@transaction.atomic
def accept_invitation(raw_token, user):
    """Join the circle. Returns (membership, created). Safe to replay: used links are refused."""
    invitation = find_invitation(raw_token)
    existing = Membership.objects.filter(patient_id=invitation.patient_id, user=user).first()
    if existing:
        # Do not burn the link on someone who is already in: it may be meant for another person.
        return existing, False
    # The conditional update is the lock: only one request can turn a pending link into used.
    claimed = Invitation.objects.pending().filter(pk=invitation.pk).update(
        accepted_at=timezone.now(), accepted_by=user
    )
    if claimed != 1:
        raise InvitationProblem(_("This invitation has already been used. Ask for a new link."))
    membership = Membership.objects.create(patient_id=invitation.patient_id, user=user,
                                           role=invitation.role)
    return membership, True


def revoke_invitation(invitation):
    Invitation.objects.pending().filter(pk=invitation.pk).update(revoked_at=timezone.now())
