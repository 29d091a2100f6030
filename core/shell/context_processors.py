from django.utils import translation
from django.utils.functional import SimpleLazyObject

from core.patients.access import by_name, current_patient
from core.patients.models import Patient


def shell(request):
    """What the frame around every page needs: current patient, my patients, text direction."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "current_patient": SimpleLazyObject(lambda: current_patient(request)) if signed_in else None,
        "my_patients": SimpleLazyObject(lambda: _my_patients(request)) if signed_in else [],
        "LANGUAGE_BIDI": translation.get_language_bidi(),
    }


def _my_patients(request):
    access = getattr(request, "access", None)
    if access is not None:  # a patient page: the door has read them already
        return access.my_patients
    return by_name(Patient.objects.for_member(request.user).only("id", "display_name"))
