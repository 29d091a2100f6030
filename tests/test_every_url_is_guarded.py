"""Every URL of the project, checked for owner, caregiver, viewer, stranger and anonymous.

A view added later without an entry in ACCESS fails ``test_every_url_is_classified``;
a patient URL whose view does not go through ``core.patients.access`` fails
``test_every_patient_url_goes_through_the_access_helper``.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from core.patients.access import Need
from core.patients.models import Invitation, Membership

PUBLIC = "public"          # anyone, signed in or not
SIGNED_IN = "signed_in"    # any signed-in member; anonymous goes to the login page

# name -> (who may use it, HTTP method used to probe it)
ACCESS = {
    "accounts:signup": (PUBLIC, "get"),
    "accounts:login": (PUBLIC, "get"),
    "accounts:password_reset": (PUBLIC, "get"),
    "accounts:password_reset_done": (PUBLIC, "get"),
    "accounts:password_reset_confirm": (PUBLIC, "get"),
    "accounts:password_reset_complete": (PUBLIC, "get"),
    "accounts:logout": (PUBLIC, "post"),
    "accounts:preferences": (SIGNED_IN, "get"),
    "accounts:password_change": (SIGNED_IN, "get"),
    "accounts:password_change_done": (SIGNED_IN, "get"),
    "manifest": (PUBLIC, "get"),
    "serviceworker": (PUBLIC, "get"),
    "offline": (PUBLIC, "get"),
    "set_language": (PUBLIC, "post"),
    "shell:app_shell": (PUBLIC, "get"),
    "shell:start": (SIGNED_IN, "get"),
    "guidance:index": (PUBLIC, "get"),
    "guidance:red_flags": (PUBLIC, "get"),
    "guidance:article": (PUBLIC, "get"),
    "patients:invitation": (PUBLIC, "get"),
    "patients:list": (SIGNED_IN, "get"),
    "patients:new": (SIGNED_IN, "get"),
    "patients:profile": (Need.READ, "get"),
    "patients:photo": (Need.READ, "get"),
    "patients:thumbnail": (Need.READ, "get"),
    "patients:circle": (Need.READ, "get"),
    "patients:leave": (Need.READ, "get"),
    "patients:edit": (Need.OWNER, "get"),
    "patients:delete": (Need.OWNER, "get"),
    "patients:invite": (Need.OWNER, "post"),
    "patients:revoke": (Need.OWNER, "post"),
    "patients:change_role": (Need.OWNER, "post"),
    "patients:remove": (Need.OWNER, "post"),
    "reminders:today": (Need.READ, "get"),
    "reminders:done": (Need.WRITE, "post"),
    "reminders:snooze": (Need.WRITE, "post"),
    "reminders:skip": (Need.WRITE, "post"),
    "reminders:undo": (Need.WRITE, "post"),
    "reminders:plan": (Need.READ, "get"),
    "reminders:new": (Need.WRITE, "get"),
    "reminders:edit": (Need.WRITE, "get"),
    "reminders:stop": (Need.WRITE, "post"),
    "reminders:resume": (Need.WRITE, "post"),
    "reminders:add_shift": (Need.WRITE, "get"),
    "reminders:remove_shift": (Need.WRITE, "post"),
    "reminders:notifications": (SIGNED_IN, "get"),
    "reminders:push_subscribe": (SIGNED_IN, "post"),
    "reminders:push_unsubscribe": (SIGNED_IN, "post"),
    "reminders:push_remove": (SIGNED_IN, "post"),
    "reminders:push_test": (SIGNED_IN, "post"),
    "reminders:push_renewal": (SIGNED_IN, "get"),
    "reminders:calendar_new": (SIGNED_IN, "post"),
    "reminders:calendar_stop": (SIGNED_IN, "post"),
    "reminders:calendar_feed": (PUBLIC, "get"),            # the secret token is the credential
    "reminders:notification_action": (PUBLIC, "post"),    # the signed token is the credential
    "logs:menu": (Need.READ, "get"),
    "logs:timeline": (Need.READ, "get"),
    "logs:new": (Need.WRITE, "get"),
    "logs:detail": (Need.READ, "get"),
    "logs:edit": (Need.WRITE, "get"),
    "logs:delete": (Need.WRITE, "get"),
    "skin:index": (Need.READ, "get"),
    "skin:new": (Need.WRITE, "get"),
    "skin:all_clear": (Need.WRITE, "post"),
    "skin:detail": (Need.READ, "get"),
    "skin:site": (Need.READ, "get"),
    "skin:photo": (Need.READ, "get"),
    "skin:thumbnail": (Need.READ, "get"),
    "measurements:units": (SIGNED_IN, "get"),
    "notes:acknowledge": (Need.WRITE, "post"),
    "movement:routine": (Need.READ, "get"),
    "movement:start": (Need.WRITE, "get"),
    "movement:step": (Need.WRITE, "get"),
    "movement:summary": (Need.READ, "get"),
    "progress:index": (Need.READ, "get"),
}
PATIENT_URLS = sorted(name for name, (rule, _m) in ACCESS.items() if isinstance(rule, tuple))
ROLES = ["owner", "caregiver", "viewer", "stranger", "anonymous"]


def all_url_patterns(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin guards itself (staff only); tested below
            inner = entry.namespace or namespace
            yield from all_url_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, entry


def test_every_url_is_classified():
    names = [name for name, _entry in all_url_patterns()]
    assert None not in names, "every URL needs a name so that it can be classified here"
    unclassified = sorted(set(names) - set(ACCESS))
    assert not unclassified, f"add these URLs to ACCESS with who may use them: {unclassified}"
    assert not set(ACCESS) - set(names), "ACCESS lists URLs that no longer exist"


def test_every_patient_url_goes_through_the_access_helper():
    for name, entry in all_url_patterns():
        if "patient_id" in str(entry.pattern):
            declared = getattr(entry.callback, "patient_need", None)
            assert declared is not None, f"{name} does not use core.patients.access.patient_view"
            assert declared == ACCESS[name][0], f"{name}: the view needs {declared}, ACCESS says otherwise"


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "JPEG")
    return SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")


def _prom_session(circle):
    from core.movement.models import PromSession, Routine

    return PromSession.objects.create(patient=circle.patient, recorded_by=circle.caregiver,
                                      plan=Routine.for_patient(circle.patient).plan())


def _handoff(circle):
    from core.notes.models import Note

    return Note.objects.create(patient=circle.patient, recorded_by=circle.caregiver, text="Slept badly.")


def _skin(circle, route):
    """A skin check with a finding on the left heel and a photo of it, made only for the URLs that need
    one (each photo is a file on disk)."""
    from core.skin.tests.factories import make_wound_photo

    values = {"skin_site": "heel", "skin_side": "left"}
    if "wound_photo_id" in route or "skin_check_id" in route:
        wound_photo = make_wound_photo(circle.patient, circle.caregiver)
        values.update(wound_photo_id=wound_photo.pk, skin_check_id=wound_photo.finding.skin_check_id)
    return values


def _kwargs(name, circle):
    from core.reminders.models import DutyShift, Kind, Schedule
    from core.reminders.planning import materialise_patient

    patient = circle.patient
    invitation, token = Invitation.issue(patient=patient, role="viewer", created_by=circle.owner)
    schedule = Schedule.objects.create(patient=patient, kind=Kind.REPOSITIONING, interval_minutes=120)
    materialise_patient(patient)
    shift = DutyShift.objects.create(patient=patient, member=circle.caregiver, starts="08:00", ends="20:00")
    from core.logs.models import Repositioning
    # Recorded by the caregiver: the owner may change it as owner, the caregiver as its author.
    entry = Repositioning.objects.create(patient=patient, recorded_by=circle.caregiver, position="supine")
    caregiver_membership = Membership.objects.get(patient=patient, user=circle.caregiver)
    route = str(dict(all_url_patterns())[name].pattern)
    values = {
        "patient_id": patient.pk,
        "invitation_id": invitation.pk,
        "membership_id": caregiver_membership.pk,
        "token": token,
        "uidb64": "MQ",
        "slug": "red-flags",
        "schedule_id": schedule.pk,
        "occurrence_id": schedule.occurrences.first().pk,
        "shift_id": shift.pk,
        # Reminder delivery: the stranger's own calendar (Rosa is not in it), the owner's Done button.
        "feed_token": _calendar_feed_token(circle.stranger),
        "action_token": _notification_action_token(schedule, circle.owner),
        "kind": "repositioning",
        "entry_id": entry.pk,
        "note_id": _handoff(circle).pk,
        "session_id": _prom_session(circle).pk,
        **_skin(circle, route),
    }
    return {key: value for key, value in values.items() if f"<{key}>" in route or f":{key}>" in route}


def _client(client_for, circle, role):
    return client_for(None if role == "anonymous" else circle.users[role])


@pytest.mark.parametrize("name", PATIENT_URLS)
@pytest.mark.parametrize("role", ROLES)
def test_patient_url_answers_each_role_as_it_should(name, role, circle, client_for):
    from core.photos import clean_image

    photo, thumb = clean_image(_photo())
    circle.patient.photo, circle.patient.photo_thumb = photo, thumb
    circle.patient.save()
    need, method = ACCESS[name]
    url = reverse(name, kwargs=_kwargs(name, circle))
    data = {"role": "viewer", "note": "x", "minutes": 15, "reason": "asleep"} if method == "post" else None
    response = getattr(_client(client_for, circle, role), method)(url, data)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif role == "stranger":
        assert response.status_code == 404
    elif role not in need:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302), response.status_code


@pytest.mark.parametrize("name", sorted(n for n, (rule, _m) in ACCESS.items() if rule == SIGNED_IN))
def test_signed_in_pages_send_anonymous_visitors_to_login(name, client):
    response = getattr(client, ACCESS[name][1])(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(n for n, (rule, _m) in ACCESS.items() if rule == SIGNED_IN))
def test_signed_in_pages_open_for_any_member(name, circle, client_for):
    response = getattr(client_for(circle.stranger), ACCESS[name][1])(reverse(name))
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("name", sorted(n for n, (rule, _m) in ACCESS.items() if rule == PUBLIC))
def test_public_pages_open_without_login_and_reveal_no_patient(name, circle, client):
    kwargs = _kwargs(name, circle)
    response = getattr(client, ACCESS[name][1])(reverse(name, kwargs=kwargs))
    assert response.status_code in (200, 302)
    if name != "patients:invitation":  # the invitation link itself is the credential
        assert b"Rosa" not in response.content


def test_admin_is_for_staff_only(circle, client_for):
    response = client_for(circle.owner).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _calendar_feed_token(user):
    from core.patients.models import hash_token
    from core.reminders.models import CalendarFeed, new_feed_token

    token = new_feed_token()
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": hash_token(token)})
    return token


def _notification_action_token(schedule, user):
    from core.reminders.delivery.payload import action_token

    return action_token(schedule.occurrences.first().pk, user.pk, "done")
