from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("p/<uuid:patient_id>/notes/<uuid:note_id>/read/", views.acknowledge, name="acknowledge"),
]
