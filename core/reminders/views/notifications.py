"""The Reminders settings page, and the two doors that need no session.

The page (any signed-in member; it only ever shows and changes the member's own
devices, preferences and calendar link): push on this device, the list of devices,
e-mail and quiet hours, the calendar feed. It works without JavaScript except for
the push button itself, which needs the browser's Push API.

Without a session: the calendar feed (its secret token is the credential; only a
hash is stored) and a notification's Done / Snooze buttons (a signed token bound to
the occurrence, the member and the action, checked again against the member's
current role through ``core.patients.access.get_access``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.accounts.models import User
from core.patients.access import Need, get_access
from core.patients.models import Membership, Role, hash_token

from .. import actions
from ..delivery import push
from ..delivery.feed import calendar_for
from ..delivery.payload import DONE, SNOOZE_MINUTES, read_action_token, trial_payload
from ..delivery.subscriptions import PushSubscriptionForm, is_json, posted_data
from ..delivery.vapid import application_server_key
from ..delivery.worker import push_to_devices
from ..forms import ReminderPreferencesForm
from ..models import CalendarFeed, Occurrence, PushSubscription, ReminderPreferences, new_feed_token

NEW_FEED_LINK = "new_calendar_link"


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    user = request.user
    preferences = ReminderPreferences.objects.filter(user=user).first() or ReminderPreferences(user=user)
    form = ReminderPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("reminders:notifications")
    try:
        push_key = application_server_key()
    except ImproperlyConfigured:
        push_key = ""  # the page still offers e-mail and the calendar
    new_feed_link = request.session.pop(NEW_FEED_LINK, None)
    return render(request, "reminders/notifications.html", {
        "form": form,
        "devices": user.push_subscriptions.order_by("-created_at"),
        "push_key": push_key,
        "feed": CalendarFeed.objects.filter(user=user).first(),
        "new_feed_link": new_feed_link,
        # webcal:// makes phones offer "subscribe" in their calendar app instead of downloading once.
        "new_feed_webcal": "webcal://" + new_feed_link.split("://", 1)[-1] if new_feed_link else "",
        "gives_care": Membership.objects.filter(user=user, role__in=[Role.OWNER, Role.CAREGIVER]).exists(),
    })


def _back(request, anchor=""):
    return redirect(reverse("reminders:notifications") + anchor)


def _answer(request, ok_message, status=200, anchor="#devices"):
    if is_json(request):
        return JsonResponse({"ok": True, "message": ok_message}, status=status)
    messages.success(request, ok_message)
    return _back(request, anchor)


def _refuse(request, message, errors=None):
    if is_json(request):
        return JsonResponse({"ok": False, "message": message, "errors": errors or {}}, status=400)
    messages.error(request, message)
    return _back(request, "#push")


@login_required
@require_POST
def push_subscribe(request):
    posted = posted_data(request)
    form = PushSubscriptionForm(posted)
    if not form.is_valid():
        return _refuse(request, _("Notifications could not be turned on: the browser sent something unexpected."),
                       form.errors.get_json_data())
    data = form.cleaned_data
    owner = PushSubscription.objects.filter(endpoint=data["endpoint"]).values_list("user_id", flat=True).first()
    if owner is not None and owner != request.user.pk:
        raise Http404  # another member's device: never touched, never confirmed
    # A renewal (the service worker, after the push service replaced the subscription) names
    # the old one: it goes, and its device name stays. Only ever one of this member's own.
    replaced = None
    replaces = posted.get("replaces")
    if isinstance(replaces, str) and replaces and replaces != data["endpoint"]:
        replaced = PushSubscription.objects.filter(endpoint=replaces, user=request.user).first()
    device = data["device"] or (replaced.device if replaced else "")
    try:
        with transaction.atomic():
            PushSubscription.objects.update_or_create(
                endpoint=data["endpoint"], user=request.user,
                defaults={"p256dh": data["p256dh"], "auth": data["auth"], "device": device})
            if replaced is not None:
                replaced.delete()
    except IntegrityError:  # the same browser, twice at once: the other request stored it
        pass
    return _answer(request, _("Notifications are on for this device."), status=201)


@login_required
@require_GET
def push_renewal(request):
    """What the service worker needs to renew this device's subscription on its own (its
    "pushsubscriptionchange" event, with no page open): the server key, where to send the new
    subscription, and a CSRF token for that POST. Same-origin only: no CORS, never cached."""
    response = JsonResponse({"key": application_server_key(), "subscribe": reverse("reminders:push_subscribe"),
                             "csrf": get_token(request)})
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_POST
def push_unsubscribe(request):
    endpoint = posted_data(request).get("endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        return _refuse(request, _("Nothing to turn off."))
    get_object_or_404(PushSubscription, endpoint=endpoint, user=request.user).delete()
    return _answer(request, _("Notifications are off for this device."))


@login_required
@require_POST
def push_remove(request):
    try:
        subscription_id = int(posted_data(request).get("subscription", ""))
    except (TypeError, ValueError):
        return _refuse(request, _("Choose a device to remove."))
    get_object_or_404(PushSubscription, pk=subscription_id, user=request.user).delete()
    return _answer(request, _("The device is removed; it gets no more reminders."))


@login_required
@require_POST
def push_test(request):
    devices = list(request.user.push_subscriptions.all())
    if not devices:
        return _refuse(request, _("Turn on notifications on a device first."))
    outcome, _detail, gone = push_to_devices([(d.pk, push.subscription_info(d)) for d in devices],
                                             trial_payload(request.user), timeout=(3, 5))
    PushSubscription.objects.filter(pk__in=gone).delete()
    if outcome == push.SENT:
        return _answer(request, _("A test notification is on its way. If it does not arrive within a minute, "
                                  "check that notifications for this app are allowed in the phone’s settings."))
    return _refuse(request, _("The test notification could not be sent. Turn notifications off and on again "
                              "on that device, or use the calendar link."))


@login_required
@require_POST
def calendar_new(request):
    """A new secret link; the old one stops working at once. It is shown once, never stored."""
    token = new_feed_token()
    with transaction.atomic():
        CalendarFeed.objects.filter(user=request.user).delete()
        CalendarFeed.objects.create(user=request.user, token_hash=hash_token(token))
    request.session[NEW_FEED_LINK] = request.build_absolute_uri(
        reverse("reminders:calendar_feed", kwargs={"feed_token": token}))
    return _back(request, "#calendar")


@login_required
@require_POST
def calendar_stop(request):
    CalendarFeed.objects.filter(user=request.user).delete()
    messages.success(request, _("The calendar link no longer works."))
    return _back(request, "#calendar")


@require_GET
def calendar_feed(request, feed_token):
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=hash_token(feed_token)).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = HttpResponse(calendar_for(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tend.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@csrf_exempt  # the signed token is the credential; there is no session to ride on
@require_POST
def notification_action(request, action_token):
    try:
        data = read_action_token(action_token)
    except signing.SignatureExpired:
        return JsonResponse({"ok": False, "error": "expired"}, status=410)
    except signing.BadSignature:
        raise Http404 from None
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    occurrence = Occurrence.objects.select_related("schedule").filter(pk=data["o"]).first()
    if user is None or occurrence is None:
        raise Http404
    get_access(user, occurrence.patient_id, Need.WRITE)  # 404 if they left the circle, 403 if now a viewer
    if data["a"] == DONE:
        outcome = actions.mark_done(occurrence, user)
        changed, occurrence = outcome.changed, outcome.occurrence
    elif occurrence.is_snoozed():
        changed = False  # a replayed snooze must not push the reminder further away
    else:
        outcome = actions.snooze(occurrence, SNOOZE_MINUTES)
        changed, occurrence = outcome.changed, outcome.occurrence
    return JsonResponse({"ok": True, "changed": changed, "status": occurrence.status})
