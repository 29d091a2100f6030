from django.urls import path

from .views import entries, timeline

app_name = "logs"

urlpatterns = [
    path("p/<uuid:patient_id>/log/", timeline.menu, name="menu"),
    path("p/<uuid:patient_id>/timeline/", timeline.timeline, name="timeline"),
    path("p/<uuid:patient_id>/log/<slug:kind>/new/", entries.new, name="new"),
    path("p/<uuid:patient_id>/log/<slug:kind>/<uuid:entry_id>/", entries.detail, name="detail"),
    path("p/<uuid:patient_id>/log/<slug:kind>/<uuid:entry_id>/edit/", entries.edit, name="edit"),
    path("p/<uuid:patient_id>/log/<slug:kind>/<uuid:entry_id>/delete/", entries.delete, name="delete"),
]
