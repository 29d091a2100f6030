"""The care circle: members, roles, invitations, leaving."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import circle
from ..access import Need, patient_view
from ..forms import InvitationForm, RoleForm


@patient_view(Need.READ)
def members(request, access):
    return _render_circle(request, access)


def _render_circle(request, access, invite_form=None):
    patient = access.patient
    # Shown once, right after it was made; only its hash is kept.
    new_link = request.session.pop("new_invitation_link", None) if access.is_owner else None
    memberships = patient.memberships.select_related("user").order_by("joined_at")
    invitations = patient.invitations.pending().select_related("created_by") if access.is_owner else []
    return render(request, "patients/circle.html", {
        "access": access, "patient": patient, "memberships": memberships,
        "invitations": invitations, "invite_form": invite_form or InvitationForm(),
        "new_link": new_link, "role_form": RoleForm(),
        "invitation_days": settings.INVITATION_DAYS,
    })


@require_POST
@patient_view(Need.OWNER)
def invite(request, access):
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _render_circle(request, access, invite_form=form)
    _invitation, token = circle.Invitation.issue(
        patient=access.patient, role=form.cleaned_data["role"], note=form.cleaned_data["note"],
        created_by=request.user,
    )
    request.session["new_invitation_link"] = request.build_absolute_uri(
        reverse("patients:invitation", kwargs={"token": token}))
    return redirect("patients:circle", patient_id=access.patient.pk)


@require_POST
@patient_view(Need.OWNER)
def revoke(request, access, invitation_id):
    invitation = get_object_or_404(access.patient.invitations, pk=invitation_id)
    circle.revoke_invitation(invitation)
    messages.success(request, _("The invitation link no longer works."))
    return redirect("patients:circle", patient_id=access.patient.pk)


@require_POST
@patient_view(Need.OWNER)
def change_role(request, access, membership_id):
    membership = get_object_or_404(access.patient.memberships.select_related("user"), pk=membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
    else:
        try:
            circle.change_role(membership, form.cleaned_data["role"])
            messages.success(request, _("%(name)s is now %(role)s.") % {
                "name": membership.user.display_name,
                "role": dict(circle.Role.choices)[form.cleaned_data["role"]].lower()})
        except circle.CircleError as error:
            messages.error(request, error.message)
    return redirect("patients:circle", patient_id=access.patient.pk)


@require_POST
@patient_view(Need.OWNER)
def remove(request, access, membership_id):
    membership = get_object_or_404(access.patient.memberships.select_related("user"), pk=membership_id)
    if membership.user_id == request.user.id:
        return redirect("patients:leave", patient_id=access.patient.pk)
    try:
        circle.remove_member(membership)
        messages.success(request, _("%(name)s was removed from the care circle.")
                         % {"name": membership.user.display_name})
    except circle.CircleError as error:
        messages.error(request, error.message)
    return redirect("patients:circle", patient_id=access.patient.pk)


@require_http_methods(["GET", "POST"])
@patient_view(Need.READ)
def leave(request, access):
    error = None
    if request.method == "POST":
        try:
            circle.remove_member(access.membership)
        except circle.CircleError as problem:
            error = problem.message
        else:
            request.session.pop("current_patient", None)
            messages.success(request, _("You left %(name)s’s care circle.")
                             % {"name": access.patient.display_name})
            return redirect("patients:list")
    return render(request, "patients/leave.html",
                  {"access": access, "patient": access.patient, "error": error})


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The page an invitation link opens. The token is the credential, not a login."""
    try:
        found = circle.find_invitation(token)
    except circle.InvitationProblem as problem:
        return render(request, "patients/invitation_problem.html",
                      {"message": problem.message}, status=problem.status)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership, created = circle.accept_invitation(token, request.user)
        except circle.InvitationProblem as problem:
            return render(request, "patients/invitation_problem.html",
                          {"message": problem.message}, status=problem.status)
        if created:
            messages.success(request, _("You joined %(name)s’s care circle.")
                             % {"name": membership.patient.display_name})
        else:
            messages.info(request, _("You are already in %(name)s’s care circle.")
                          % {"name": membership.patient.display_name})
        return redirect("reminders:today", patient_id=membership.patient_id)
    return render(request, "patients/invitation.html", {"invitation": found})
