from django.urls import path

from . import views

app_name = "skin"

urlpatterns = [
    path("p/<uuid:patient_id>/skin/", views.index, name="index"),
    path("p/<uuid:patient_id>/skin/new/", views.new, name="new"),
    path("p/<uuid:patient_id>/skin/all-clear/", views.all_clear, name="all_clear"),
    path("p/<uuid:patient_id>/skin/checks/<uuid:skin_check_id>/", views.detail, name="detail"),
    path("p/<uuid:patient_id>/skin/sites/<slug:skin_site>/<slug:skin_side>/", views.site_history, name="site"),
    path("p/<uuid:patient_id>/skin/photos/<int:wound_photo_id>/", views.photo, name="photo"),
    path("p/<uuid:patient_id>/skin/photos/<int:wound_photo_id>/thumbnail/", views.thumbnail, name="thumbnail"),
]
