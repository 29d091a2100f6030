"""The Today screen and one-tap completion."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.reminders import actions, today
from core.reminders.models import Kind, Occurrence, Recurrence, Schedule
from core.reminders.planning import materialise
from core.reminders.positions import Position, next_position


def turning(patient, starts_at=None, minutes=120):
    return Schedule.objects.create(patient=patient, kind=Kind.REPOSITIONING, recurrence=Recurrence.INTERVAL,
                                   interval_minutes=minutes,
                                   starts_at=starts_at or timezone.now() - timedelta(minutes=5))


def due_occurrence(circle):
    schedule = turning(circle.patient)
    return today.build(circle.patient) and schedule.occurrences.order_by("due_at").first()


def test_the_board_sorts_overdue_due_now_next_and_done(circle):
    now = timezone.now().replace(second=0, microsecond=0)
    schedule = turning(circle.patient, starts_at=now - timedelta(hours=5, minutes=30))
    board = today.build(circle.patient, now)
    # Due 5h30, 3h30 and 1h30 ago: only the latest is shown overdue, the two before are counted missed.
    assert len(board.overdue) == 1 and board.overdue[0].missed_before == 2
    assert board.overdue[0].late_by == timedelta(hours=1, minutes=30)
    assert not board.due_now
    assert [r.occurrence.schedule_id for r in board.next_up] == [schedule.pk]
    actions.mark_done(board.overdue[0].occurrence, circle.caregiver, Position.SUPINE)
    board = today.build(circle.patient, now)
    assert not board.overdue
    assert board.done_today[0].occurrence.done_by == circle.caregiver
    assert board.last_turn.position == Position.SUPINE
    assert board.suggested_position == next_position(Position.SUPINE)


def test_the_turning_clock_rotates_through_both_sides():
    seen, position = [], None
    for _ in range(6):
        position = next_position(position)
        seen.append(position)
    assert seen == [Position.LEFT_TILT_30, Position.SUPINE, Position.RIGHT_TILT_30] * 2


def test_one_tap_done_records_who_when_and_the_position(circle, client_for):
    occ = due_occurrence(circle)
    response = client_for(circle.caregiver).post(
        reverse("reminders:done", args=[circle.patient.pk, occ.pk]), {"position": "right_tilt_30"})
    assert response.status_code == 302
    occ.refresh_from_db()
    assert (occ.status, occ.done_by, occ.position) == ("done", circle.caregiver, "right_tilt_30")
    assert abs(occ.done_at - timezone.now()) < timedelta(seconds=5)


def test_a_second_tap_says_who_was_first(circle, client_for):
    occ = due_occurrence(circle)
    client_for(circle.caregiver).post(reverse("reminders:done", args=[circle.patient.pk, occ.pk]))
    response = client_for(circle.owner).post(reverse("reminders:done", args=[circle.patient.pk, occ.pk]),
                                             follow=True)
    assert "Already done by Carlos at" in response.content.decode()
    occ.refresh_from_db()
    assert occ.done_by == circle.caregiver


@pytest.mark.django_db(transaction=True)
def test_two_people_tapping_done_at_once_make_one_completion(circle):
    occ = due_occurrence(circle)
    barrier = threading.Barrier(2)
    results = []

    def tap(user):
        barrier.wait()
        results.append(actions.mark_done(occ, user).changed)
        connection.close()

    threads = [threading.Thread(target=tap, args=(u,)) for u in (circle.owner, circle.caregiver)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, True]
    assert Occurrence.objects.filter(pk=occ.pk, status="done").count() == 1


def test_an_invalid_position_is_dropped_not_an_error(circle, client_for):
    occ = due_occurrence(circle)
    client_for(circle.owner).post(reverse("reminders:done", args=[circle.patient.pk, occ.pk]),
                                  {"position": "upside_down"})
    occ.refresh_from_db()
    assert occ.status == "done" and occ.position == ""


def test_snooze_hides_it_until_later_and_skip_needs_a_reason(circle, client_for):
    occ = due_occurrence(circle)
    client = client_for(circle.caregiver)
    client.post(reverse("reminders:snooze", args=[circle.patient.pk, occ.pk]), {"minutes": 30})
    occ.refresh_from_db()
    assert timedelta(minutes=29) < occ.snoozed_until - timezone.now() <= timedelta(minutes=30)
    assert occ.pk in [r.occurrence.pk for r in today.build(circle.patient).snoozed]
    client.post(reverse("reminders:snooze", args=[circle.patient.pk, occ.pk]), {"minutes": 999})
    occ.refresh_from_db()
    assert occ.snoozed_until - timezone.now() <= timedelta(minutes=30)
    response = client.post(reverse("reminders:skip", args=[circle.patient.pk, occ.pk]), {}, follow=True)
    assert "Choose why it is skipped" in response.content.decode()
    client.post(reverse("reminders:skip", args=[circle.patient.pk, occ.pk]), {"reason": "asleep"})
    occ.refresh_from_db()
    assert (occ.status, occ.skip_reason) == ("skipped", "asleep")


def test_undo_is_for_the_same_person_within_minutes(circle, client_for):
    occ = due_occurrence(circle)
    actions.mark_done(occ, circle.caregiver)
    url = reverse("reminders:undo", args=[circle.patient.pk, occ.pk])
    client_for(circle.owner).post(url)
    occ.refresh_from_db()
    assert occ.status == "done"
    Occurrence.objects.filter(pk=occ.pk).update(done_at=timezone.now() - timedelta(minutes=6))
    client_for(circle.caregiver).post(url)
    occ.refresh_from_db()
    assert occ.status == "done"
    Occurrence.objects.filter(pk=occ.pk).update(done_at=timezone.now())
    client_for(circle.caregiver).post(url)
    occ.refresh_from_db()
    assert occ.status == "pending" and occ.done_by is None


def test_an_occurrence_of_another_patient_is_not_found_and_unchanged(circle, client_for):
    theirs = turning(circle.other_patient)
    today.build(circle.other_patient)
    occ = theirs.occurrences.first()
    for name in ("reminders:done", "reminders:skip", "reminders:snooze", "reminders:undo"):
        response = client_for(circle.owner).post(reverse(name, args=[circle.patient.pk, occ.pk]),
                                                 {"minutes": 15, "reason": "other"})
        assert response.status_code == 404
    occ.refresh_from_db()
    assert occ.status == "pending" and occ.snoozed_until is None


def test_viewers_see_today_without_buttons(circle, client_for):
    due_occurrence(circle)
    page = client_for(circle.viewer).get(reverse("reminders:today", args=[circle.patient.pk])).content.decode()
    assert "Repositioning" in page
    assert "/done/" not in page and "Snooze" not in page


def test_with_javascript_the_board_comes_back_without_a_page(circle, client_for):
    occ = due_occurrence(circle)
    response = client_for(circle.owner).post(reverse("reminders:done", args=[circle.patient.pk, occ.pk]),
                                             HTTP_X_TEND_PARTIAL="1")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page and "done at" in page and "Undo" in page


def test_today_uses_the_same_few_queries_after_a_year_of_history(circle, client_for):
    """A year of turns every 2 hours (4,380 occurrences) costs Today no extra query."""
    now = timezone.now()
    schedule = turning(circle.patient, starts_at=now - timedelta(days=365))
    schedule.patient = circle.patient
    materialise([schedule], now=now, back=timedelta(days=365), ahead=timedelta(hours=48))
    Occurrence.objects.filter(patient=circle.patient, due_at__lt=now - timedelta(hours=1)).update(
        status="done", done_at=now - timedelta(hours=2), done_by=circle.caregiver, position="supine")
    assert Occurrence.objects.filter(patient=circle.patient).count() > 4300
    client = client_for(circle.owner)
    url = reverse("reminders:today", args=[circle.patient.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as year:
        assert client.get(url).status_code == 200
    Occurrence.objects.filter(patient=circle.patient, due_at__lt=now - timedelta(days=2)).delete()
    with CaptureQueriesContext(connection) as days:
        client.get(url)
    assert len(year) == len(days) <= 12, [q["sql"] for q in year.captured_queries]


def test_looking_at_today_again_writes_nothing(circle, client_for):
    turning(circle.patient)
    client = client_for(circle.owner)
    url = reverse("reminders:today", args=[circle.patient.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    writes = [q["sql"] for q in again.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
              and "django_session" not in q["sql"]]
    assert not writes, writes


def schedule_reads(captured):
    return [q["sql"] for q in captured.captured_queries if 'FROM "reminders_schedule"' in q["sql"]]


def test_a_repeat_view_does_not_read_the_schedules(circle, client_for):
    turning(circle.patient)
    client = client_for(circle.owner)
    url = reverse("reminders:today", args=[circle.patient.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert not schedule_reads(again)


def test_a_schedule_added_after_a_view_is_on_the_next_view(circle, client_for):
    turning(circle.patient, minutes=240)
    client = client_for(circle.owner)
    url = reverse("reminders:today", args=[circle.patient.pk])
    client.get(url)
    Schedule.objects.create(patient=circle.patient, kind=Kind.CUSTOM, title="Eye drops",
                            recurrence=Recurrence.INTERVAL, interval_minutes=60,
                            starts_at=timezone.now() - timedelta(minutes=2))
    assert "Eye drops" in client.get(url).content.decode()


@pytest.mark.parametrize("change", ["edit", "stop", "resume"])
def test_every_change_from_the_care_plan_makes_today_read_the_schedules_again(circle, client_for, change):
    from core.patients.models import Patient

    schedule = turning(circle.patient)
    client = client_for(circle.owner)
    client.get(reverse("reminders:today", args=[circle.patient.pk]))
    assert Patient.objects.get(pk=circle.patient.pk).reminders_planned_until is not None
    if change == "resume":
        Schedule.objects.filter(pk=schedule.pk).update(active=False)
    urls = {"edit": "reminders:edit", "stop": "reminders:stop", "resume": "reminders:resume"}
    url = reverse(urls[change], args=[circle.patient.pk, schedule.pk])
    if change == "edit":
        from core.reminders.tests.test_plan import VALID

        response = client.post(url, {**VALID, "interval_hours": "3", "starts_at": "2026-11-23T00:00"})
    else:
        response = client.post(url)
    assert response.status_code == 302
    assert Patient.objects.get(pk=circle.patient.pk).reminders_planned_until is None


def test_a_view_that_read_the_schedules_before_a_change_stores_nothing(circle):
    """The race: Today loads the patient, someone changes the plan, Today then finishes. Its
    answer is about the old plan and must not be stored as the patient's planned-until."""
    from core.patients.models import Patient
    from core.reminders.planning import materialise_patient

    turning(circle.patient)
    stale = Patient.objects.get(pk=circle.patient.pk)  # as Today read it
    Schedule.objects.create(patient=circle.patient, kind=Kind.CUSTOM, title="Later", recurrence=Recurrence.INTERVAL,
                            interval_minutes=60, starts_at=timezone.now())  # the change, after that read
    Schedule.objects.filter(patient=circle.patient).update(materialised_until=None)
    materialise_patient(stale)
    assert Patient.objects.get(pk=circle.patient.pk).reminders_planned_until is None
    materialise_patient(Patient.objects.get(pk=circle.patient.pk))  # the next view stores it
    assert Patient.objects.get(pk=circle.patient.pk).reminders_planned_until is not None


def test_stored_occurrences_are_topped_up_when_the_planned_time_comes_near(circle):
    from core.patients.models import Patient

    turning(circle.patient)
    now = timezone.now()
    today.build(Patient.objects.get(pk=circle.patient.pk), now=now)
    later = now + timedelta(hours=30)  # within a day of the 48 hours stored
    today.build(Patient.objects.get(pk=circle.patient.pk), now=later)
    last = Occurrence.objects.filter(patient=circle.patient).order_by("-due_at").first().due_at
    assert last > later + timedelta(hours=40)
