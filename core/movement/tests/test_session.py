"""The guided session: start, one step at a time, red flags, replays, the reminder, the summary."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.logs.models import TimelineEntry
from core.movement import series, sessions
from core.movement.models import MovementRecord, PromSession, Routine
from core.reminders.models import Occurrence

from .helpers import (
    answer, item, new_session, passive_movement_reminder, start, start_url, step_url, summary_url,
)

ROLES = ["owner", "caregiver", "viewer", "stranger", "anonymous"]
ARMS_AND_LEGS = [item("shoulder_flexion"), item("wrist_flexion", "left"), item("hip_knee_bend"),
                 item("toe_bends", "right")]


# --- start ------------------------------------------------------------------

def test_starting_creates_a_session_with_the_routine_as_its_steps(circle, client_for):
    Routine.objects.create(patient=circle.patient, items=[item("elbow_flexion", "right", 4)])
    response, session_id = start(client_for(circle.caregiver), circle.patient)
    session = PromSession.objects.get()
    assert session.pk == session_id
    assert response["Location"] == step_url(session)
    assert (session.recorded_by, session.status, session.plan) == (
        circle.caregiver, "in_progress", [["elbow_flexion", "right", 4]])
    assert TimelineEntry.objects.get(entry_id=session.pk).kind == "prom_session"


def test_a_replayed_start_returns_the_same_session(circle, client_for):
    client = client_for(circle.caregiver)
    first, session_id = start(client, circle.patient)
    again, _ = start(client, circle.patient, session_id=session_id)
    assert PromSession.objects.count() == 1
    assert first["Location"] == again["Location"]


def test_a_start_with_the_id_of_another_patients_session_is_refused(circle, client_for):
    theirs = new_session(circle.other_patient, circle.stranger)
    response, _ = start(client_for(circle.caregiver), circle.patient, session_id=theirs.pk)
    assert response.status_code == 404
    assert PromSession.objects.count() == 1


def test_a_start_with_the_id_of_another_kind_of_entry_is_refused(circle, client_for):
    from core.logs.models import Repositioning

    turn = Repositioning.objects.create(patient=circle.patient, recorded_by=circle.owner, position="supine")
    response, _ = start(client_for(circle.caregiver), circle.patient, session_id=turn.pk)
    assert response.status_code == 404
    assert not PromSession.objects.exists()


def test_a_start_without_a_valid_id_changes_nothing_and_asks_to_tap_again(circle, client_for):
    response = client_for(circle.caregiver).post(start_url(circle.patient), {"session_id": "not-a-uuid"})
    assert response.status_code == 400
    assert "tap “Start” again" in response.content.decode()
    assert not PromSession.objects.exists()


def test_a_reminder_of_another_patient_or_kind_cannot_be_attached(circle, client_for):
    from core.reminders.models import Kind, Schedule
    from core.reminders.planning import materialise_patient

    theirs = passive_movement_reminder(circle.other_patient)
    turning = Schedule.objects.create(patient=circle.patient, kind=Kind.REPOSITIONING, interval_minutes=120,
                                      starts_at=timezone.now() - timedelta(minutes=5))
    materialise_patient(circle.patient)
    client = client_for(circle.caregiver)
    for occurrence in (theirs, turning.occurrences.first()):
        response, _ = start(client, circle.patient, occurrence=occurrence.pk)
        assert response.status_code == 404
    assert not PromSession.objects.exists()


def test_a_viewer_can_read_a_session_but_not_start_one(circle, client_for):
    client = client_for(circle.viewer)
    assert client.get(start_url(circle.patient)).status_code == 403
    response, _ = start(client, circle.patient)
    assert response.status_code == 403
    assert not PromSession.objects.exists()
    session = new_session(circle.patient, circle.owner)
    assert client.get(summary_url(session)).status_code == 200
    assert client.get(step_url(session)).status_code == 403


def test_log_passive_movement_opens_the_guided_session(circle, client_for):
    response = client_for(circle.caregiver).get(reverse("logs:new", args=[circle.patient.pk, "prom_session"]))
    assert response.status_code == 302 and response["Location"] == start_url(circle.patient)


def test_the_start_page_checks_the_legs_first_and_offers_to_continue_an_unfinished_session(circle, client_for):
    session = new_session(circle.patient, circle.caregiver)
    page = client_for(circle.owner).get(start_url(circle.patient)).content.decode()
    assert "Check the legs first." in page
    assert "Carlos started a session" in page and step_url(session) in page


# --- the steps ----------------------------------------------------------------

def test_the_step_page_shows_one_movement_with_its_picture_guide_and_a_big_done_button(circle, client_for):
    session = new_session(circle.patient, circle.caregiver)
    page = client_for(circle.caregiver).get(step_url(session)).content.decode()
    assert "1 of 35" in page
    assert "Turn the head" in page and "Lift the arm" not in page
    assert "guidance/img/neck-rotation.svg" in page
    assert 'alt="A person lies on their back. A helper&#x27;s hands hold both sides of the head' in page
    assert reverse("guidance:article", args=["prom-neck"]) in page
    assert 'class="big done-button"' in page and 'value="skip"' in page and "Stop because…" in page


def test_the_illustration_is_described_in_the_members_language(circle, client_for):
    circle.caregiver.language = "es"
    circle.caregiver.save()
    session = new_session(circle.patient, circle.caregiver)
    client = client_for(circle.caregiver)
    page = client.get(step_url(session)).content.decode()
    from core.guidance import articles

    spanish, _ = articles.get("prom-neck", "es")
    alt = dict((name, alt) for alt, name in spanish.images)["neck-rotation.svg"]
    assert alt.split(" ")[0] in page and 'lang="es"' in page


def test_posting_a_step_records_it_and_shows_the_next(circle, client_for):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    client = client_for(circle.caregiver)
    response = answer(client, session, "shoulder_flexion", "left", reps_done="8", pain="2")
    assert response.status_code == 302 and response["Location"] == step_url(session)
    record = MovementRecord.objects.get()
    assert (record.movement, record.side, record.status, record.reps_done, record.pain, record.order) == (
        "shoulder_flexion", "left", "done", 8, 2, 1)
    page = client.get(step_url(session)).content.decode()
    assert "2 of 6" in page and "Bend the wrist forward and back" in page and "Left arm" in page


def test_a_replayed_step_creates_nothing_more(circle, client_for):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    client = client_for(circle.caregiver)
    answer(client, session, "shoulder_flexion", "left", pain="2")
    answer(client, session, "wrist_flexion", "left")
    replay = answer(client, session, "shoulder_flexion", "left", action="stop", stop_reason="pain")
    assert replay.status_code == 302
    assert MovementRecord.objects.count() == 2
    assert MovementRecord.objects.get(movement="shoulder_flexion").status == "done"


@pytest.mark.parametrize("pain, ok", [("-1", False), ("0", True), ("10", True), ("11", False), ("x", False)])
def test_pain_is_recorded_only_from_0_to_10(circle, client_for, pain, ok):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    response = answer(client_for(circle.caregiver), session, "shoulder_flexion", "left", pain=pain,
                      reps_done="6", note="kept")
    if ok:
        assert MovementRecord.objects.get().pain == int(pain)
    else:
        assert response.status_code == 400
        assert "pain" in response.context["form"].errors
        assert 'value="kept"' in response.content.decode()
        assert not MovementRecord.objects.exists()


def test_the_database_refuses_pain_outside_0_to_10(circle):
    from django.db import IntegrityError, transaction

    session = new_session(circle.patient, circle.caregiver)
    with pytest.raises(IntegrityError), transaction.atomic():
        MovementRecord.objects.create(session=session, movement="neck_rotation", side="none", order=1,
                                      status="done", pain=11)


@pytest.mark.parametrize("movement, side", [("moonwalk", "left"), ("toe_bends", "left"),
                                            ("shoulder_flexion", "none"), ("neck_rotation", "middle")])
def test_unknown_movements_or_steps_outside_the_session_are_refused(circle, client_for, movement, side):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    response = answer(client_for(circle.caregiver), session, movement, side)
    assert response.status_code == 400
    assert not MovementRecord.objects.exists()
    # The page shows the step that is really next.
    assert "Lift the arm forward and up" in response.content.decode()


def test_stopping_needs_a_reason_and_done_with_a_reason_is_questioned(circle, client_for):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    client = client_for(circle.caregiver)
    assert answer(client, session, "shoulder_flexion", "left", action="stop").status_code == 400
    assert answer(client, session, "shoulder_flexion", "left", stop_reason="pain").status_code == 400
    assert answer(client, session, "shoulder_flexion", "left", stop_reason="tired").status_code == 400
    assert not MovementRecord.objects.exists()
    answer(client, session, "shoulder_flexion", "left", action="stop", stop_reason="resistance", note="stiff")
    record = MovementRecord.objects.get()
    assert (record.status, record.stop_reason, record.note) == ("stopped", "resistance", "stiff")


def test_skipping_records_a_skip(circle, client_for):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    answer(client_for(circle.caregiver), session, "shoulder_flexion", "left", action="skip")
    assert MovementRecord.objects.get().status == "skipped"


# --- cautions ------------------------------------------------------------------

def _pages(client, session, steps):
    pages = {}
    for code, side in steps:
        pages[(code, side)] = client.get(step_url(session)).content.decode()
        answer(client, session, code, side)
    return pages


STROKE_CAUTION = "do not lift the arm higher than the shoulder (90°)"


def test_the_stroke_shoulder_caution_shows_on_shoulder_steps_of_stroke_patients_only(circle, client_for):
    circle.patient.conditions = ["stroke"]
    circle.patient.save()
    Routine.objects.create(patient=circle.patient, items=[], affected_side="right")
    session = new_session(circle.patient, circle.caregiver, items=[
        item("neck_rotation"), item("shoulder_flexion"), item("shoulder_rotation", "left"), item("elbow_flexion"),
        item("hip_knee_bend", "left")])
    pages = _pages(client_for(circle.caregiver), session, [
        ("neck_rotation", "none"), ("shoulder_flexion", "left"), ("shoulder_rotation", "left"),
        ("elbow_flexion", "left"), ("shoulder_flexion", "right"), ("elbow_flexion", "right"),
        ("hip_knee_bend", "left")])
    with_caution = {key for key, page in pages.items() if STROKE_CAUTION in page}
    assert with_caution == {("shoulder_flexion", "left"), ("shoulder_rotation", "left"),
                            ("shoulder_flexion", "right")}
    assert "Never pull on the weak arm." in pages[("shoulder_flexion", "left")]
    assert "This is the weak arm." in pages[("shoulder_flexion", "right")]
    assert "This is the weak arm." not in pages[("shoulder_flexion", "left")]
    assert "After any neck injury" in pages[("neck_rotation", "none")]
    assert "can be a blood clot" in pages[("hip_knee_bend", "left")]
    assert "can be a blood clot" not in pages[("elbow_flexion", "left")].split("<form")[0]


def test_no_stroke_caution_for_other_patients(circle, client_for):
    circle.patient.conditions = ["ms"]
    circle.patient.save()
    session = new_session(circle.patient, circle.caregiver, items=[item("shoulder_flexion", "left")])
    assert STROKE_CAUTION not in client_for(circle.caregiver).get(step_url(session)).content.decode()


# --- red flags --------------------------------------------------------------------

@pytest.mark.parametrize("reason, title, flag", [
    ("suspected_clot", "Possible blood clot: contact a clinician today", "possible blood clot"),
    ("swelling", "New swelling: contact a clinician today", "new swelling")])
def test_swelling_or_a_suspected_clot_shows_red_flags_and_ends_the_leg_exercises(
        circle, client_for, reason, title, flag):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    client = client_for(circle.caregiver)
    answer(client, session, "shoulder_flexion", "left")
    answer(client, session, "wrist_flexion", "left", action="stop", stop_reason=reason)
    page = client.get(step_url(session), follow=True).content.decode()
    assert title in page and "call emergency services now" in page
    assert reverse("guidance:article", args=["red-flags"]) in page
    assert "Lift the arm forward and up" in page and "Right arm" in page  # the arms go on
    legs = MovementRecord.objects.filter(movement__in=["hip_knee_bend", "toe_bends"])
    assert legs.count() == 3 and set(legs.values_list("status", "stop_reason")) == {("skipped", reason)}
    answer(client, session, "shoulder_flexion", "right")
    session.refresh_from_db()
    assert (session.status, session.red_flag) == ("finished", reason)
    summary = client.get(summary_url(session)).content.decode()
    assert title in summary and "paused after a warning sign" in summary
    timeline = client.get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert f'<span class="flag">{flag}</span>' in timeline


def test_a_red_flag_on_the_last_leg_step_finishes_the_session(circle, client_for):
    session = new_session(circle.patient, circle.caregiver, items=[item("toe_bends", "left")])
    response = answer(client_for(circle.caregiver), session, "toe_bends", "left", action="stop",
                      stop_reason="suspected_clot")
    page = client_for(circle.caregiver).get(response["Location"], follow=True).content.decode()
    assert "Possible blood clot: contact a clinician today" in page
    session.refresh_from_db()
    assert session.status == "finished"


def test_the_red_flag_advice_is_on_the_step_page_for_javascript_to_show_at_once(circle, client_for):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    page = client_for(circle.caregiver).get(step_url(session)).content.decode()
    assert 'data-red-flag-values="suspected_clot swelling"' in page
    assert "data-red-flag-hint hidden" in page
    assert "movement/step.js" in page


# --- the end ---------------------------------------------------------------------

def test_finishing_a_session_started_from_a_reminder_marks_it_done_once(circle, client_for):
    occurrence = passive_movement_reminder(circle.patient)
    Routine.objects.create(patient=circle.patient, items=[item("thumb_opposition")])
    client = client_for(circle.caregiver)
    response, session_id = start(client, circle.patient, occurrence=occurrence.pk)
    session = PromSession.objects.get(pk=session_id)
    assert session.occurrence == occurrence
    answer(client, session, "thumb_opposition", "left")
    occurrence.refresh_from_db()
    assert occurrence.status == "pending"
    answer(client, session, "thumb_opposition", "right", reps_done="10")
    occurrence.refresh_from_db()
    assert (occurrence.status, occurrence.done_by) == ("done", circle.caregiver)
    done_at = occurrence.done_at
    # A replay of the last step, of the start, and a visit to the step page change nothing.
    answer(client, session, "thumb_opposition", "right")
    start(client, circle.patient, session_id=session_id, occurrence=occurrence.pk)
    client.get(step_url(session))
    occurrence.refresh_from_db()
    assert occurrence.done_at == done_at
    assert MovementRecord.objects.count() == 2
    session.refresh_from_db()
    assert session.status == "finished" and session.finished_at is not None
    assert session.history.filter(status="finished").count() == 1
    summary = client.get(summary_url(session)).content.decode()
    assert "The reminder is marked done." in summary
    # One line on the timeline: the session, not also a "task done" line for its reminder.
    assert TimelineEntry.objects.filter(patient=circle.patient, deleted=False).count() == 1


def test_a_reminder_already_done_by_someone_else_is_left_as_it_was(circle, client_for):
    from core.reminders import actions

    occurrence = passive_movement_reminder(circle.patient)
    client = client_for(circle.caregiver)
    _response, session_id = start(client, circle.patient, occurrence=occurrence.pk)
    actions.mark_done(occurrence, circle.owner)
    session = PromSession.objects.get(pk=session_id)
    client.post(step_url(session), {"movement": "neck_rotation", "side": "none", "action": "end"})
    occurrence.refresh_from_db()
    assert occurrence.done_by == circle.owner


def test_ending_early_records_the_rest_as_skipped(circle, client_for):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    client = client_for(circle.caregiver)
    answer(client, session, "shoulder_flexion", "left", pain="3")
    response = answer(client, session, "wrist_flexion", "left", action="end")
    assert response["Location"] == summary_url(session)
    session.refresh_from_db()
    assert session.status == "stopped"
    assert list(session.records.values_list("status", flat=True)) == ["done"] + ["skipped"] * 5
    # Nothing more can be recorded in an ended session.
    answer(client, session, "toe_bends", "right")
    assert session.records.count() == 6
    summary = client.get(summary_url(session)).content.decode()
    assert "Ended early." in summary and "3/10" in summary


def test_the_summary_counts_done_skipped_stopped_and_the_pain_noted(circle, client_for):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    client = client_for(circle.caregiver)
    answer(client, session, "shoulder_flexion", "left", pain="4")
    answer(client, session, "wrist_flexion", "left", action="skip")
    answer(client, session, "shoulder_flexion", "right", action="stop", stop_reason="fatigue", pain="6")
    response = client.get(summary_url(session))
    assert response.context["counts"] == {"done": 1, "skipped": 1, "stopped": 1}
    page = response.content.decode()
    assert "4/10" in page and "6/10" in page and "Because: Too tired" in page
    timeline = client.get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert "1 movement done" in timeline and "pain up to 6/10" in timeline and "not finished" in timeline


def test_the_step_and_summary_of_another_patients_session_are_not_found(circle, client_for):
    theirs = new_session(circle.other_patient, circle.stranger)
    client = client_for(circle.owner)
    for url in (reverse("movement:step", args=[circle.patient.pk, theirs.pk]),
                reverse("movement:summary", args=[circle.patient.pk, theirs.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("movement:step", args=[circle.patient.pk, theirs.pk]),
                       {"movement": "neck_rotation", "side": "none", "action": "done"}).status_code == 404
    assert not MovementRecord.objects.exists()


def test_a_deleted_session_is_gone_from_its_pages(circle, client_for):
    session = new_session(circle.patient, circle.caregiver)
    session.soft_delete()
    client = client_for(circle.caregiver)
    assert client.get(summary_url(session)).status_code == 404
    assert client.get(step_url(session)).status_code == 404
    response, _ = start(client, circle.patient, session_id=session.pk)
    assert response.status_code == 404


def test_the_session_can_be_edited_from_the_timeline_like_any_entry(circle, client_for):
    session = new_session(circle.patient, circle.caregiver)
    client = client_for(circle.caregiver)
    assert client.get(reverse("logs:detail", args=[circle.patient.pk, "prom_session", session.pk])).status_code == 200
    edit = reverse("logs:edit", args=[circle.patient.pk, "prom_session", session.pk])
    when = timezone.localtime(session.occurred_at).strftime("%Y-%m-%dT%H:%M")
    assert client.post(edit, {"note": "calm today", "occurred_at": when}).status_code == 302
    session.refresh_from_db()
    assert session.note == "calm today" and session.plan  # the steps are not editable


# --- roles ------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_each_role_at_the_start_step_and_summary(circle, client_for, role):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    client = client_for(None if role == "anonymous" else circle.users[role])
    can_write = role in ("owner", "caregiver")
    expected = {"anonymous": 302, "stranger": 404, "viewer": 403}
    codes = {
        "start page": client.get(start_url(circle.patient)).status_code,
        "start": start(client, circle.patient)[0].status_code,
        "step page": client.get(step_url(session)).status_code,
        "step": answer(client, session, "shoulder_flexion", "left").status_code,
        "summary": client.get(summary_url(session)).status_code,
    }
    if can_write:
        assert codes == {"start page": 200, "start": 302, "step page": 200, "step": 302, "summary": 200}
    else:
        read = 200 if role == "viewer" else expected[role]
        assert codes == {"start page": expected[role], "start": expected[role], "step page": expected[role],
                         "step": expected[role], "summary": read}
    assert PromSession.objects.count() == (2 if can_write else 1)
    assert MovementRecord.objects.count() == (1 if can_write else 0)


# --- queries and the Today screen -----------------------------------------------

def test_the_step_page_takes_a_bounded_number_of_queries(circle, client_for):
    circle.patient.conditions = ["stroke"]
    circle.patient.save()
    Routine.objects.create(patient=circle.patient, items=default_items_all(), affected_side="left")
    session = new_session(circle.patient, circle.caregiver)
    client = client_for(circle.caregiver)
    counts = []
    for code, side, _reps in session.plan[:30]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(step_url(session)).status_code == 200
        counts.append(len(queries))
        answer(client, session, code, side, pain="1", reps_done="10")
    # The first visit also remembers the current patient in the session (3 queries).
    assert counts[0] <= 9 and max(counts[1:]) <= 7, counts
    with CaptureQueriesContext(connection) as queries:
        client.get(summary_url(session))
    assert len(queries) <= 8


def default_items_all():
    from core.movement.models import default_items

    return default_items()


def test_today_offers_the_guided_session_on_the_passive_movement_reminder_to_writers_only(circle, client_for):
    occurrence = passive_movement_reminder(circle.patient)
    link = f'{start_url(circle.patient)}?occurrence={occurrence.pk}'
    today = reverse("reminders:today", args=[circle.patient.pk])
    assert link in client_for(circle.caregiver).get(today).content.decode()
    assert "Start guided session" not in client_for(circle.viewer).get(today).content.decode()
    page = client_for(circle.caregiver).get(link).content.decode()
    assert f'name="occurrence" value="{occurrence.pk}"' in page


def test_sessions_per_week_counts_sessions_with_a_movement_done_in_one_query(circle, django_assert_num_queries):
    now = timezone.now()
    for days_ago, done in [(0, True), (1, True), (8, True), (8, False), (15, True)]:
        session = new_session(circle.patient, circle.caregiver, occurred_at=now - timedelta(days=days_ago))
        step = session.steps()[0]
        sessions.record_step(session, step, circle.caregiver, "done" if done else "skipped")
    gone = new_session(circle.patient, circle.caregiver)
    sessions.record_step(gone, gone.steps()[0], circle.caregiver, "done")
    gone.soft_delete()
    new_session(circle.other_patient, circle.stranger)
    with django_assert_num_queries(1):
        weeks = series.sessions_per_week(circle.patient)
    assert sum(w["sessions"] for w in weeks) == 4
    assert [w["week"].weekday() for w in weeks] == [0] * len(weeks)
    assert weeks == sorted(weeks, key=lambda w: w["week"])


def test_a_step_recorded_concurrently_is_kept_once(circle):
    session = new_session(circle.patient, circle.caregiver, items=ARMS_AND_LEGS)
    step = session.steps()[0]
    first, created = sessions.record_step(session, step, circle.caregiver, "done", pain=1)
    second, created_again = sessions.record_step(session, step, circle.owner, "stopped", stop_reason="pain")
    assert created and not created_again and first.pk == second.pk
    assert MovementRecord.objects.count() == 1


def test_an_occurrence_deleted_with_its_schedule_leaves_the_session(circle, client_for):
    occurrence = passive_movement_reminder(circle.patient)
    client = client_for(circle.caregiver)
    _response, session_id = start(client, circle.patient, occurrence=occurrence.pk)
    occurrence.schedule.delete()
    session = PromSession.objects.get(pk=session_id)
    assert session.occurrence is None
    assert not Occurrence.objects.exists()
    assert client.get(step_url(session)).status_code == 200


def test_a_new_id_is_given_each_time_the_start_page_opens(circle, client_for):
    client = client_for(circle.caregiver)
    first = client.get(start_url(circle.patient)).context["form"].initial["session_id"]
    second = client.get(start_url(circle.patient)).context["form"].initial["session_id"]
    assert isinstance(first, uuid.UUID) and first != second


@pytest.mark.parametrize("zone", ["Europe/Madrid", "America/New_York", "Asia/Kolkata", "UTC"])
def test_sessions_per_week_since_a_date_matches_the_whole_history_grouping(circle, zone):
    # With ``since`` (the Progress page) the weeks are computed in SQL (LocalDate); without it
    # with Django's TruncWeek. Both must put each session in the same local week, DST included.
    circle.patient.time_zone = zone
    circle.patient.save()
    start = timezone.now() - timedelta(days=200)
    for hours in range(0, 200 * 24, 37):  # every 37 hours: all times of day, both DST changes
        session = new_session(circle.patient, circle.caregiver, occurred_at=start + timedelta(hours=hours))
        sessions.record_step(session, session.steps()[0], circle.caregiver, "done")
    assert series.sessions_per_week(circle.patient, since=start - timedelta(days=1)) == \
        series.sessions_per_week(circle.patient)
