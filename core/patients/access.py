"""The one door to a patient: every view, feed and file download goes through here.

- not signed in: sent to the login page;
- not in the patient's circle (or no such patient): 404, so existence is never revealed;
- in the circle but the role is too low for what is asked: 403.

Views receive the membership (with its patient) and never look a patient up by
themselves, and never take a patient id from POSTed data.
"""

import functools
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from .models import Membership, Patient, Role


class Need:
    """What a view needs of the member's role."""

    READ = (Role.OWNER, Role.CAREGIVER, Role.VIEWER)
    WRITE = (Role.OWNER, Role.CAREGIVER)
    OWNER = (Role.OWNER,)


@dataclass(frozen=True)
class Access:
    membership: Membership

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
    membership = (Membership.objects.select_related("patient")
                  .filter(user=user, patient_id=patient_id).first())
    if membership is None:
        raise Http404
    if membership.role not in need:
        raise PermissionDenied
    return Access(membership)


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
