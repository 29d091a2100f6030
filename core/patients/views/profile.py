"""Patient profiles: the list of my patients, create, view, edit, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import Need, patient_view
from ..circle import create_patient
from ..forms import PatientForm
from ..models import Membership


@login_required
def my_patients(request):
    memberships = (Membership.objects.filter(user=request.user)
                   .select_related("patient").order_by("patient__display_name"))
    return render(request, "patients/list.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    form = PatientForm(request.POST or None, request.FILES or None,
                       initial={"time_zone": request.user.time_zone})
    if request.method == "POST" and form.is_valid():
        patient = create_patient(form, owner=request.user)
        messages.success(request, _("%(name)s’s profile is ready. Invite the family next.")
                         % {"name": patient.display_name})
        return redirect("patients:circle", patient_id=patient.pk)
    return render(request, "patients/form.html", {"form": form, "creating": True})


@patient_view(Need.READ)
def profile(request, access):
    return render(request, "patients/profile.html", {"access": access, "patient": access.patient})


@patient_view(Need.OWNER)
@require_http_methods(["GET", "POST"])
def edit(request, access):
    form = PatientForm(request.POST or None, request.FILES or None, instance=access.patient)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profile saved."))
        return redirect("patients:profile", patient_id=access.patient.pk)
    return render(request, "patients/form.html", {"form": form, "access": access, "creating": False})


@patient_view(Need.OWNER)
@require_http_methods(["GET", "POST"])
def delete(request, access):
    patient = access.patient
    error = None
    if request.method == "POST":
        if request.POST.get("confirm_name", "").strip() == patient.display_name:
            name = patient.display_name
            patient.delete_photo_files()
            patient.delete()
            request.session.pop("current_patient", None)
            messages.success(request, _("%(name)s’s profile and all its records were deleted.")
                             % {"name": name})
            return redirect("patients:list")
        error = _("Type the name exactly as shown to confirm.")
    return render(request, "patients/delete.html",
                  {"access": access, "patient": patient, "error": error,
                   "typed": request.POST.get("confirm_name", "")})
