"""Care-circle rules: roles, the last owner, invitations, forged ids."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from core.patients import circle as ops
from core.patients.models import Invitation, Membership, Patient, Role, hash_token


def membership(circle, who):
    return Membership.objects.get(patient=circle.patient, user=circle.users[who])


# --- the last owner ---------------------------------------------------------------

def test_the_last_owner_cannot_be_demoted(circle):
    with pytest.raises(ops.CircleError) as refused:
        ops.change_role(membership(circle, "owner"), Role.CAREGIVER)
    assert refused.value.code == "last_owner"
    assert membership(circle, "owner").role == Role.OWNER


def test_the_last_owner_cannot_leave(circle, client_for):
    response = client_for(circle.owner).post(reverse("patients:leave", args=[circle.patient.pk]))
    assert response.status_code == 200
    assert "Make someone else owner first" in response.content.decode()
    assert membership(circle, "owner").role == Role.OWNER


def test_an_owner_can_step_down_once_someone_else_is_owner(circle):
    ops.change_role(membership(circle, "caregiver"), Role.OWNER)
    ops.change_role(membership(circle, "owner"), Role.VIEWER)
    assert membership(circle, "owner").role == Role.VIEWER
    assert circle.patient.memberships.owners().count() == 1


def test_an_owner_changes_a_role_and_removes_a_member(circle, client_for):
    client = client_for(circle.owner)
    target = membership(circle, "caregiver")
    client.post(reverse("patients:change_role", args=[circle.patient.pk, target.pk]), {"role": "viewer"})
    assert membership(circle, "caregiver").role == Role.VIEWER
    client.post(reverse("patients:remove", args=[circle.patient.pk, target.pk]))
    assert not Membership.objects.filter(pk=target.pk).exists()


def test_an_invalid_role_is_refused_and_changes_nothing(circle, client_for):
    target = membership(circle, "caregiver")
    client_for(circle.owner).post(
        reverse("patients:change_role", args=[circle.patient.pk, target.pk]), {"role": "admin"})
    assert membership(circle, "caregiver").role == Role.CAREGIVER


def test_a_member_can_leave(circle, client_for):
    response = client_for(circle.viewer).post(reverse("patients:leave", args=[circle.patient.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(patient=circle.patient, user=circle.viewer).exists()


# --- forged ids ----------------------------------------------------------------

def test_an_owner_cannot_reach_another_circles_member_through_their_own_patient(circle, client_for):
    """The stranger owns another patient; a membership id of Rosa's circle is not theirs to touch."""
    target = membership(circle, "caregiver")
    client = client_for(circle.stranger)
    for name in ("patients:change_role", "patients:remove"):
        response = client.post(reverse(name, args=[circle.other_patient.pk, target.pk]), {"role": "owner"})
        assert response.status_code == 404
    target.refresh_from_db()
    assert target.role == Role.CAREGIVER


def test_a_patient_id_in_the_posted_data_is_ignored(circle, client_for):
    client_for(circle.owner).post(
        reverse("patients:invite", args=[circle.patient.pk]),
        {"role": "viewer", "patient": str(circle.other_patient.pk), "patient_id": str(circle.other_patient.pk)})
    assert Invitation.objects.filter(patient=circle.patient).count() == 1
    assert not Invitation.objects.filter(patient=circle.other_patient).exists()


def test_an_invitation_of_another_patient_cannot_be_revoked(circle, client_for):
    invitation, _token = Invitation.issue(patient=circle.patient, role="viewer", created_by=circle.owner)
    response = client_for(circle.stranger).post(
        reverse("patients:revoke", args=[circle.other_patient.pk, invitation.pk]))
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_malformed_patient_id_is_simply_not_found(circle, client_for):
    response = client_for(circle.owner).get("/p/not-a-uuid/today/")
    assert response.status_code == 404


# --- invitations ----------------------------------------------------------------

def test_only_a_hash_of_the_invitation_token_is_stored(circle):
    invitation, token = Invitation.issue(patient=circle.patient, role="caregiver", created_by=circle.owner)
    assert token not in invitation.token_hash
    assert invitation.token_hash == hash_token(token)
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)


def test_the_owner_sees_the_link_once(circle, client_for):
    client = client_for(circle.owner)
    response = client.post(reverse("patients:invite", args=[circle.patient.pk]), {"role": "caregiver"},
                           follow=True)
    assert 'id="invite-link"' in response.content.decode()
    again = client.get(reverse("patients:circle", args=[circle.patient.pk])).content.decode()
    assert 'id="invite-link"' not in again


def test_an_invitation_is_accepted_once(circle):
    _invitation, token = Invitation.issue(patient=circle.patient, role="caregiver", created_by=circle.owner)
    newcomer = make_user("new@example.org", "Nina")
    membership, created = ops.accept_invitation(token, newcomer)
    assert created and membership.role == Role.CAREGIVER
    with pytest.raises(ops.InvitationProblem):
        ops.accept_invitation(token, make_user("late@example.org", "Leo"))
    assert circle.patient.memberships.count() == 4


def test_accepting_twice_is_harmless_for_the_same_person(circle, client_for):
    _invitation, token = Invitation.issue(patient=circle.patient, role="caregiver", created_by=circle.owner)
    newcomer = make_user("new@example.org", "Nina")
    client = client_for(newcomer)
    url = reverse("patients:invitation", args=[token])
    first = client.post(url)
    replay = client.post(url)
    assert first.status_code == 302
    assert replay.status_code == 410
    assert Membership.objects.filter(patient=circle.patient, user=newcomer).count() == 1


def test_an_existing_member_does_not_use_up_the_link(circle):
    invitation, token = Invitation.issue(patient=circle.patient, role="owner", created_by=circle.owner)
    _membership, created = ops.accept_invitation(token, circle.viewer)
    assert not created
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert membership(circle, "viewer").role == Role.VIEWER  # no role escalation through a link


@pytest.mark.parametrize("state", ["expired", "revoked", "used"])
def test_unusable_invitations_are_refused_with_a_clear_message(state, circle, client_for):
    invitation, token = Invitation.issue(patient=circle.patient, role="caregiver", created_by=circle.owner)
    if state == "expired":
        past = timezone.now() - timedelta(days=8)
        Invitation.objects.filter(pk=invitation.pk).update(created_at=past, expires_at=past + timedelta(days=7))
    elif state == "revoked":
        ops.revoke_invitation(invitation)
    else:
        ops.accept_invitation(token, make_user("first@example.org", "First"))
    newcomer = make_user("new@example.org", "Nina")
    client = client_for(newcomer)
    url = reverse("patients:invitation", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert "Ask for a new link" in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_an_unknown_invitation_token_is_not_found(db, client):
    response = client.get(reverse("patients:invitation", args=["made-up-token"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_anonymous_people_must_sign_in_to_accept(circle, client):
    _invitation, token = Invitation.issue(patient=circle.patient, role="caregiver", created_by=circle.owner)
    url = reverse("patients:invitation", args=[token])
    page = client.get(url).content.decode()
    assert "Create an account" in page
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


# --- patients -------------------------------------------------------------------

def test_the_creator_of_a_patient_is_its_owner(circle, client_for):
    response = client_for(circle.viewer).post(reverse("patients:new"), {
        "display_name": "Pedro", "usual_mobility": "bed", "time_zone": "America/Bogota",
        "conditions": ["stroke", "icu"],
    })
    assert response.status_code == 302
    pedro = Patient.objects.get(display_name="Pedro")
    assert pedro.conditions == ["stroke", "icu"]
    assert Membership.objects.get(patient=pedro).role == Role.OWNER


@pytest.mark.parametrize("field,value,message", [
    ("year_of_birth", "2999", "cannot be in the future"),
    ("year_of_birth", "1800", "greater than or equal to 1900"),
    ("time_zone", "Mars/Olympus", "Select a valid choice"),
    ("conditions", "plague", "Select a valid choice"),
    ("display_name", "", "This field is required"),
])
def test_bad_patient_input_is_explained_and_what_was_typed_is_kept(field, value, message, circle, client_for):
    data = {"display_name": "Pedro Typed", "usual_mobility": "bed", "time_zone": "UTC",
            "notes": "Keeps these notes", field: value}
    response = client_for(circle.owner).post(reverse("patients:new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Keeps these notes" in page
    if field != "display_name":
        assert 'value="Pedro Typed"' in page
    assert not Patient.objects.filter(display_name="Pedro Typed").exists()


def test_deleting_a_patient_needs_the_typed_name(circle, client_for):
    client = client_for(circle.owner)
    url = reverse("patients:delete", args=[circle.patient.pk])
    response = client.post(url, {"confirm_name": "rosa?"})
    assert "Type the name exactly" in response.content.decode()
    assert Patient.objects.filter(pk=circle.patient.pk).exists()
    client.post(url, {"confirm_name": "Rosa"})
    assert not Patient.objects.filter(pk=circle.patient.pk).exists()
    assert not Membership.objects.filter(patient_id=circle.patient.pk).exists()


def test_my_patients_lists_only_my_circles(circle, client_for):
    page = client_for(circle.stranger).get(reverse("patients:list")).content.decode()
    assert "Other patient" in page and "Rosa" not in page
    assert list(Patient.objects.for_member(circle.viewer)) == [circle.patient]
