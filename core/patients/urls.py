from django.urls import path

from .views import circle, photos, profile

app_name = "patients"

urlpatterns = [
    path("", profile.my_patients, name="list"),
    path("p/new/", profile.new, name="new"),
    path("p/<uuid:patient_id>/profile/", profile.profile, name="profile"),
    path("p/<uuid:patient_id>/profile/edit/", profile.edit, name="edit"),
    path("p/<uuid:patient_id>/profile/delete/", profile.delete, name="delete"),
    path("p/<uuid:patient_id>/photo/", photos.photo, name="photo"),
    path("p/<uuid:patient_id>/photo/thumbnail/", photos.thumbnail, name="thumbnail"),
    path("p/<uuid:patient_id>/circle/", circle.members, name="circle"),
    path("p/<uuid:patient_id>/circle/invite/", circle.invite, name="invite"),
    path("p/<uuid:patient_id>/circle/invitations/<int:invitation_id>/revoke/", circle.revoke,
         name="revoke"),
    path("p/<uuid:patient_id>/circle/members/<int:membership_id>/role/", circle.change_role,
         name="change_role"),
    path("p/<uuid:patient_id>/circle/members/<int:membership_id>/remove/", circle.remove,
         name="remove"),
    path("p/<uuid:patient_id>/circle/leave/", circle.leave, name="leave"),
    path("invite/<str:token>/", circle.invitation, name="invitation"),
]
