"""The base every bedside log shares: idempotent saves, edit history, soft delete, rights, timeline."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.logs.models import Repositioning, TimelineEntry
from core.reminders import actions
from core.reminders.models import Kind, Schedule
from core.reminders.planning import materialise_patient


def new_url(circle, kind="repositioning"):
    return reverse("logs:new", args=[circle.patient.pk, kind])


def form_data(**changes):
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    return {"entry_id": str(uuid.uuid4()), "position": "left_tilt_30", "heels_floated": "on",
            "occurred_at": now, **changes}


def test_a_caregiver_logs_a_turn_and_it_reaches_the_timeline_and_today(circle, client_for):
    client = client_for(circle.caregiver)
    response = client.post(new_url(circle), form_data())
    assert response.status_code == 302
    entry = Repositioning.objects.get()
    assert (entry.recorded_by, entry.position, entry.heels_floated) == (circle.caregiver, "left_tilt_30", True)
    timeline = client.get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert "Left 30° tilt" in timeline and "Carlos" in timeline
    today = client.get(reverse("reminders:today", args=[circle.patient.pk])).content.decode()
    assert "Last turned" in today and "Left 30° tilt" in today


def test_the_same_form_sent_twice_saves_once(circle, client_for):
    client = client_for(circle.caregiver)
    data = form_data()
    client.post(new_url(circle), data)
    replay = client.post(new_url(circle), data, follow=True)
    assert "already saved" in replay.content.decode()
    assert Repositioning.objects.count() == 1 and TimelineEntry.objects.count() == 1


def test_an_entry_id_of_another_patient_is_refused_and_changes_nothing(circle, client_for):
    theirs = Repositioning.objects.create(patient=circle.other_patient, recorded_by=circle.stranger,
                                          position="supine")
    response = client_for(circle.caregiver).post(new_url(circle), form_data(entry_id=str(theirs.pk)))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.patient == circle.other_patient and Repositioning.objects.count() == 1


@pytest.mark.parametrize("changes,message", [
    ({"position": ""}, "This field is required"),
    ({"position": "upside_down"}, "Select a valid choice"),
    ({"occurred_at": "2999-01-01T10:00"}, "in the future"),
    ({"occurred_at": "yesterday"}, "Enter a valid date/time"),
    ({"entry_id": "not-a-uuid"}, "Enter a valid UUID"),
])
def test_bad_input_is_explained_and_nothing_is_saved(changes, message, circle, client_for):
    response = client_for(circle.caregiver).post(new_url(circle), form_data(note="keep me", **changes))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'value="keep me"' in page
    assert not Repositioning.objects.exists() and not TimelineEntry.objects.exists()


def test_unknown_log_kinds_are_not_found(circle, client_for):
    assert client_for(circle.owner).get(new_url(circle, "horoscope")).status_code == 404


def test_the_author_and_owners_may_edit_others_may_not(circle, client_for):
    entry = Repositioning.objects.create(patient=circle.patient, recorded_by=circle.caregiver, position="supine")
    edit = reverse("logs:edit", args=[circle.patient.pk, "repositioning", entry.pk])
    data = form_data(position="right_tilt_30")
    other_caregiver = circle.owner.__class__.objects.create_user("c2@example.org", "x" * 12, display_name="Cleo")
    circle.patient.memberships.create(user=other_caregiver, role="caregiver")
    assert client_for(other_caregiver).post(edit, data).status_code == 403
    assert client_for(circle.viewer).post(edit, data).status_code == 403
    assert client_for(circle.owner).post(edit, data).status_code == 302
    entry.refresh_from_db()
    assert entry.position == "right_tilt_30"


def test_edits_are_kept_in_the_history_with_who_changed_what(circle, client_for):
    client = client_for(circle.caregiver)
    data = form_data()
    client.post(new_url(circle), data)
    entry = Repositioning.objects.get()
    client_for(circle.owner).post(reverse("logs:edit", args=[circle.patient.pk, "repositioning", entry.pk]),
                                  {**data, "position": "supine", "skin_concern": "on"})
    history = list(entry.history.order_by("history_date"))
    assert [h.history_user for h in history] == [circle.caregiver, circle.owner]
    page = client.get(reverse("logs:detail", args=[circle.patient.pk, "repositioning", entry.pk])).content.decode()
    assert "Olivia" in page and "position" in page


def test_deleting_hides_the_entry_but_keeps_its_history(circle, client_for):
    client = client_for(circle.caregiver)
    client.post(new_url(circle), form_data())
    entry = Repositioning.objects.get()
    client.post(reverse("logs:delete", args=[circle.patient.pk, "repositioning", entry.pk]))
    assert Repositioning.objects.alive().count() == 0
    assert entry.history.count() == 2
    assert not TimelineEntry.objects.filter(deleted=False).exists()
    detail = client.get(reverse("logs:detail", args=[circle.patient.pk, "repositioning", entry.pk]))
    assert detail.status_code == 404


def test_a_turn_done_from_today_becomes_a_repositioning_entry_and_undo_removes_it(circle):
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.REPOSITIONING, interval_minutes=120,
                                       starts_at=timezone.now() - timedelta(minutes=1))
    materialise_patient(circle.patient)
    occurrence = schedule.occurrences.first()
    actions.mark_done(occurrence, circle.caregiver, "right_tilt_30")
    entry = Repositioning.objects.get()
    assert (entry.position, entry.recorded_by, entry.occurrence) == ("right_tilt_30", circle.caregiver, occurrence)
    actions.undo(occurrence, circle.caregiver)
    assert not Repositioning.objects.alive().exists()


def test_other_reminders_done_or_skipped_appear_on_the_timeline(circle, client_for):
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.SKIN_CHECK, recurrence="times",
                                       times_of_day=[timezone.localtime().strftime("%H:%M")],
                                       starts_at=timezone.now() - timedelta(days=1))
    materialise_patient(circle.patient)
    occurrence = schedule.occurrences.order_by("-due_at").first()
    actions.skip(occurrence, circle.caregiver, "asleep")
    page = client_for(circle.viewer).get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert "Skin check" in page and "skipped" in page


def test_the_timeline_filters_by_kind_and_member_and_pages(circle, client_for):
    now = timezone.now()
    for index in range(120):
        Repositioning.objects.create(patient=circle.patient, position="supine",
                                     recorded_by=circle.owner if index % 2 else circle.caregiver,
                                     occurred_at=now - timedelta(hours=2 * index))
    client = client_for(circle.viewer)
    url = reverse("logs:timeline", args=[circle.patient.pk])
    first = client.get(url).content.decode()
    assert "Page 1 of 4" in first
    mine = client.get(url, {"member": circle.owner.pk}).content.decode()
    assert "· Olivia</span>" in mine and "· Carlos</span>" not in mine
    assert "Page 1 of 2" in mine


def test_the_timeline_costs_the_same_queries_after_a_year(circle, client_for):
    now = timezone.now()
    rows = [Repositioning(patient=circle.patient, position="supine", recorded_by=circle.caregiver,
                          occurred_at=now - timedelta(hours=2 * i)) for i in range(4380)]
    Repositioning.objects.bulk_create(rows)  # bulk_create skips save(): index them the same way
    TimelineEntry.objects.bulk_create([TimelineEntry(entry_id=r.pk, patient=circle.patient, kind="repositioning",
                                                     occurred_at=r.occurred_at, recorded_by=circle.caregiver,
                                                     data={"position": "supine"}) for r in rows])
    client = client_for(circle.owner)
    url = reverse("logs:timeline", args=[circle.patient.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as year:
        assert client.get(url, {"page": 40}).status_code == 200
    TimelineEntry.objects.filter(occurred_at__lt=now - timedelta(days=7)).delete()
    with CaptureQueriesContext(connection) as week:
        client.get(url)
    assert len(year) == len(week) <= 12


def test_a_turn_logged_from_the_log_tab_answers_the_due_reminder_once(circle, client_for):
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.REPOSITIONING, interval_minutes=120,
                                       starts_at=timezone.now() - timedelta(minutes=3))
    materialise_patient(circle.patient)
    client_for(circle.caregiver).post(new_url(circle), form_data(position="supine"))
    due = schedule.occurrences.order_by("due_at").first()
    assert (due.status, due.done_by, due.position) == ("done", circle.caregiver, "supine")
    assert Repositioning.objects.count() == 1 and Repositioning.objects.get().occurrence == due
    assert TimelineEntry.objects.filter(deleted=False).count() == 1


def test_a_meal_logged_from_its_reminder_is_one_line_on_the_timeline(circle, client_for):
    schedule = Schedule.objects.create(patient=circle.patient, kind=Kind.MEAL, recurrence="times",
                                       times_of_day=[timezone.localtime().strftime("%H:%M")],
                                       starts_at=timezone.now() - timedelta(days=1))
    materialise_patient(circle.patient)
    occurrence = schedule.occurrences.order_by("-due_at").first()
    response = client_for(circle.caregiver).post(
        reverse("logs:new", args=[circle.patient.pk, "nutrition"]) + f"?occurrence={occurrence.pk}",
        {"entry_id": str(uuid.uuid4()), "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
         "meal": "lunch", "portion": "half", "occurrence": occurrence.pk, "units": "metric"})
    assert response.status_code == 302, response.content.decode()[:2000]
    occurrence.refresh_from_db()
    assert occurrence.status == "done"
    assert TimelineEntry.objects.filter(deleted=False).count() == 1
