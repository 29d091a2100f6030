from django.urls import path

from .views import plan, today

app_name = "reminders"

urlpatterns = [
    path("p/<uuid:patient_id>/today/", today.today, name="today"),
    path("p/<uuid:patient_id>/today/<int:occurrence_id>/done/", today.done, name="done"),
    path("p/<uuid:patient_id>/today/<int:occurrence_id>/snooze/", today.snooze, name="snooze"),
    path("p/<uuid:patient_id>/today/<int:occurrence_id>/skip/", today.skip, name="skip"),
    path("p/<uuid:patient_id>/today/<int:occurrence_id>/undo/", today.undo, name="undo"),
    path("p/<uuid:patient_id>/plan/", plan.plan, name="plan"),
    path("p/<uuid:patient_id>/plan/new/", plan.new, name="new"),
    path("p/<uuid:patient_id>/plan/<int:schedule_id>/", plan.edit, name="edit"),
    path("p/<uuid:patient_id>/plan/<int:schedule_id>/stop/", plan.stop, name="stop"),
    path("p/<uuid:patient_id>/plan/<int:schedule_id>/resume/", plan.resume, name="resume"),
    path("p/<uuid:patient_id>/plan/roster/new/", plan.add_shift, name="add_shift"),
    path("p/<uuid:patient_id>/plan/roster/<int:shift_id>/remove/", plan.remove_shift, name="remove_shift"),
]
