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

# Reminder delivery: the Reminders settings page, push subscriptions, the calendar feed
# and the Done / Snooze buttons of a notification (core/reminders/views/notifications.py).
from .views import notifications  # noqa: E402

urlpatterns += [
    path("reminders/", notifications.notifications, name="notifications"),
    path("reminders/push/subscribe/", notifications.push_subscribe, name="push_subscribe"),
    path("reminders/push/unsubscribe/", notifications.push_unsubscribe, name="push_unsubscribe"),
    path("reminders/push/remove/", notifications.push_remove, name="push_remove"),
    path("reminders/push/test/", notifications.push_test, name="push_test"),
    path("reminders/push/renewal/", notifications.push_renewal, name="push_renewal"),
    path("reminders/calendar/new/", notifications.calendar_new, name="calendar_new"),
    path("reminders/calendar/stop/", notifications.calendar_stop, name="calendar_stop"),
    path("calendar/<str:feed_token>.ics", notifications.calendar_feed, name="calendar_feed"),
    path("notification/<str:action_token>/", notifications.notification_action, name="notification_action"),
]
