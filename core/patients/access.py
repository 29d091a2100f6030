"""The one door to a patient: every view, feed and file download goes through here.

- not signed in: sent to the login page;
- not in the patient's circle (or no such patient): 404, so existence is never revealed;
- in the circle but the role is too low for what is asked: 403.

Views receive the membership (with its patient) and never look a patient up by
themselves, and never take a patient id from POSTed data.
"""

import functools
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from core.prepared import Prepared, instance

from .models import Membership, Patient, Role


class Need:
    """What a view needs of the member's role."""

    READ = (Role.OWNER, Role.CAREGIVER, Role.VIEWER)
    WRITE = (Role.OWNER, Role.CAREGIVER)
    OWNER = (Role.OWNER,)


@dataclass(frozen=True)
class Access:
    membership: Membership
    # All the member's patients, for the switcher in the frame: read by the same query.
    my_patients: list = field(default_factory=list, compare=False)

    @property
    def patient(self) -> Patient:
        return self.membership.patient

    @property
    def role(self):
        return self.membership.role

    @property
    def can_write(self):
        return self.membership.can_write

    @property
    def is_owner(self):
        return self.membership.is_owner


def get_access(user, patient_id, need=Need.READ) -> Access:
    if not user.is_authenticated:
        raise PermissionDenied  # callers handle anonymous users before this
    try:
        wanted = patient_id if isinstance(patient_id, uuid.UUID) else uuid.UUID(str(patient_id))
    except ValueError:
        raise Http404 from None
    # One query for the member's circles (a handful): this patient's membership, and the
    # switcher's list, which every page's frame shows.
    memberships = my_memberships(user.pk)
    membership = next((m for m in memberships if m.patient_id == wanted), None)
    if membership is None:
        raise Http404
    if membership.role not in need:
        raise PermissionDenied
    return Access(membership, by_name(m.patient for m in memberships))


def by_name(patients):
    """The switcher's order, the same on every page."""
    return sorted(patients, key=lambda p: (p.display_name.casefold(), str(p.pk)))


MEMBERSHIP_FIELDS = [f.attname for f in Membership._meta.concrete_fields]
PATIENT_FIELDS = [f.attname for f in Patient._meta.concrete_fields]
# On every patient page: compiled once (core/prepared.py).
MEMBERSHIPS = Prepared(lambda user: Membership.objects.filter(user=user).values_list(
    *MEMBERSHIP_FIELDS, *(f"patient__{name}" for name in PATIENT_FIELDS)))


def my_memberships(user_id):
    """The member's memberships, each with its patient, from one query."""
    memberships = []
    split = len(MEMBERSHIP_FIELDS)
    for row in MEMBERSHIPS(user=user_id):
        membership = instance(Membership, **dict(zip(MEMBERSHIP_FIELDS, row[:split])))
        membership.patient = instance(Patient, **dict(zip(PATIENT_FIELDS, row[split:])))
        memberships.append(membership)
    return memberships


def patient_view(need=Need.READ):
    """Decorate a view taking ``patient_id``; it is called as ``view(request, access, ...)``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, patient_id, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = get_access(request.user, patient_id, need)
            request.access = access
            _remember_current_patient(request, access.patient)
            return view(request, access, *args, **kwargs)

        wrapper.patient_need = need
        return wrapper

    return decorator


def _remember_current_patient(request, patient):
    # The app opens on this patient's Today page next time (manifest start_url).
    key = str(patient.pk)
    if request.session.get("current_patient") != key:
        request.session["current_patient"] = key


def current_patient(request):
    """The patient the member last looked at, if they are still in its circle."""
    access = getattr(request, "access", None)
    if access is not None:
        return access.patient
    if not request.user.is_authenticated:
        return None
    patients = Patient.objects.for_member(request.user)
    try:
        remembered = patients.filter(pk=request.session.get("current_patient")).first()
    except (ValueError, ValidationError):
        remembered = None
    return remembered or patients.first()
