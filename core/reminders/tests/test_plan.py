"""Editing the care plan: presets, validation, assignment, roster."""

from datetime import time

import pytest
from django.urls import reverse

from core.reminders.models import Assignment, DutyShift, Schedule

VALID = {"kind": "repositioning", "recurrence": "interval", "interval_hours": "2",
         "starts_at": "2026-11-01T08:00", "assignment": "everyone"}


def post_new(client, circle, **changes):
    return client.post(reverse("reminders:new", args=[circle.patient.pk]), {**VALID, **changes})


def test_the_repositioning_preset_shows_two_hours_and_the_guideline_limits(circle, client_for):
    page = client_for(circle.owner).get(reverse("reminders:new", args=[circle.patient.pk]) + "?kind=repositioning")
    text = page.content.decode()
    assert 'name="interval_hours" value="2"' in text
    assert "every 6 hours" in text and "every 4 hours" in text


def test_a_caregiver_adds_turning_every_two_hours_with_a_night_interval(circle, client_for):
    response = post_new(client_for(circle.caregiver), circle, night_interval_hours="4", night_starts="22:00",
                        night_ends="07:00")
    assert response.status_code == 302
    schedule = Schedule.objects.get(patient=circle.patient)
    assert (schedule.interval_minutes, schedule.night_interval_minutes) == (120, 240)
    assert (schedule.night_starts, schedule.night_ends) == (time(22), time(7))


@pytest.mark.parametrize("changes,field,message", [
    ({"interval_hours": "0"}, "interval_hours", "greater than or equal to 0.25"),
    ({"interval_hours": ""}, "interval_hours", "Say how often"),
    ({"ends_at": "2026-10-01T08:00"}, "ends_at", "The end must be after the start"),
    ({"night_interval_hours": "4", "night_starts": "22:00", "night_ends": "22:00"}, "night_ends",
     "cannot start and end at the same time"),
    ({"recurrence": "times", "times_of_day": "8 o'clock"}, "times_of_day", "is not a time"),
    ({"assignment": "member"}, "assignee", "Choose the person"),
    ({"kind": "custom"}, "title", "short title"),
])
def test_impossible_plans_get_a_message_next_to_the_field_and_keep_the_input(changes, field, message, circle,
                                                                              client_for):
    response = post_new(client_for(circle.owner), circle, **changes)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'id="id_{field}_error"' in page
    assert 'value="2026-11-01T08:00"' in page
    assert not Schedule.objects.exists()


def test_only_members_who_give_care_can_be_assigned(circle, client_for):
    client = client_for(circle.owner)
    for outsider in (circle.viewer, circle.stranger):
        response = post_new(client, circle, assignment="member", assignee=outsider.pk)
        assert "Select a valid choice" in response.content.decode()
    post_new(client, circle, assignment="member", assignee=circle.caregiver.pk)
    assert Schedule.objects.get().assignee == circle.caregiver


def test_editing_keeps_history_and_replans_the_future(circle, client_for):
    from core.reminders import actions, today

    client = client_for(circle.owner)
    post_new(client, circle, starts_at="2026-11-23T00:00")
    schedule = Schedule.objects.get()
    board = today.build(circle.patient)
    actions.mark_done((board.overdue or board.due_now)[0].occurrence, circle.owner)
    client.post(reverse("reminders:edit", args=[circle.patient.pk, schedule.pk]),
                {**VALID, "interval_hours": "3", "starts_at": "2026-11-23T00:00"})
    schedule.refresh_from_db()
    assert schedule.interval_minutes == 180
    assert schedule.occurrences.filter(status="done").count() == 1


def test_stop_and_resume(circle, client_for):
    client = client_for(circle.owner)
    post_new(client, circle)
    schedule = Schedule.objects.get()
    client.post(reverse("reminders:stop", args=[circle.patient.pk, schedule.pk]))
    schedule.refresh_from_db()
    assert not schedule.active
    client.post(reverse("reminders:resume", args=[circle.patient.pk, schedule.pk]))
    schedule.refresh_from_db()
    assert schedule.active


def test_a_schedule_of_another_patient_cannot_be_edited(circle, client_for):
    theirs = Schedule.objects.create(patient=circle.other_patient, kind="repositioning", interval_minutes=120)
    client = client_for(circle.owner)
    assert client.get(reverse("reminders:edit", args=[circle.patient.pk, theirs.pk])).status_code == 404
    assert client.post(reverse("reminders:stop", args=[circle.patient.pk, theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.active


def test_duty_roster_shifts_cover_their_hours_including_overnight(circle, client_for):
    client = client_for(circle.owner)
    client.post(reverse("reminders:add_shift", args=[circle.patient.pk]),
                {"member": circle.caregiver.pk, "starts": "22:00", "ends": "07:00", "weekdays": [4]})
    shift = DutyShift.objects.get()
    import datetime
    friday_night = datetime.datetime(2026, 11, 27, 23, 30)    # a Friday
    saturday_early = datetime.datetime(2026, 11, 28, 6, 30)   # still Friday's shift
    saturday_night = datetime.datetime(2026, 11, 28, 23, 30)
    assert shift.covers(friday_night) and shift.covers(saturday_early)
    assert not shift.covers(saturday_night)
    response = client.post(reverse("reminders:add_shift", args=[circle.patient.pk]),
                           {"member": circle.viewer.pk, "starts": "08:00", "ends": "08:00"})
    page = response.content.decode()
    assert "Select a valid choice" in page and "cannot start and end at the same time" in page


def test_the_plan_page_reads_for_viewers_without_edit_controls(circle, client_for):
    Schedule.objects.create(patient=circle.patient, kind="repositioning", interval_minutes=120,
                            assignment=Assignment.EVERYONE)
    page = client_for(circle.viewer).get(reverse("reminders:plan", args=[circle.patient.pk])).content.decode()
    assert "Every 2 hours" in page
    assert "/stop/" not in page and "Add a reminder" not in page


def test_times_typed_on_an_arabic_keyboard_are_understood(circle, client_for):
    post_new(client_for(circle.owner), circle, recurrence="times", times_of_day="٠٨:٠٠، ٢٠:٣٠")
    assert Schedule.objects.get().times_of_day == ["08:00", "20:30"]
