"""How reminders reach people: push notifications, e-mail and a calendar feed.

- ``worker``: the long-running pass that turns due occurrences into Delivery rows,
  claims them with a conditional UPDATE and sends each exactly once;
- ``push`` / ``vapid``: Web Push (encrypted payload, VAPID signature);
- ``payload``: the words of a notification, in the member's language, and the signed
  Done / Snooze links it carries;
- ``email``: the same reminder by e-mail, for members who opted in;
- ``feed``: the member's private iCalendar feed of the next two weeks.
"""
