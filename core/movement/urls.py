from django.urls import path

from . import views

app_name = "movement"

urlpatterns = [
    path("p/<uuid:patient_id>/movement/routine/", views.routine, name="routine"),
    path("p/<uuid:patient_id>/movement/start/", views.start, name="start"),
    path("p/<uuid:patient_id>/movement/<uuid:session_id>/step/", views.step, name="step"),
    path("p/<uuid:patient_id>/movement/<uuid:session_id>/", views.summary, name="summary"),
]
