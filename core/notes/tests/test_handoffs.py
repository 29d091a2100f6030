"""Notes and hand-offs: written once, read by each member, shown on Today until then."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.logs.models import TimelineEntry
from core.notes.models import Acknowledgement, Note
from core.notes.today import SHOWN, open_handoffs

ROLES = ["owner", "caregiver", "viewer", "stranger", "anonymous"]


def today_url(circle):
    return reverse("reminders:today", args=[circle.patient.pk])


def read_url(note):
    return reverse("notes:acknowledge", args=[note.patient_id, note.pk])


def handoff(circle, text="Slept badly; drink offered at 3 a.m.", author=None, **extra):
    return Note.objects.create(patient=circle.patient, recorded_by=author or circle.owner, text=text, **extra)


def client_of(client_for, circle, role):
    return client_for(None if role == "anonymous" else circle.users[role])


def test_a_caregiver_writes_a_handoff_and_the_others_see_it_on_today(circle, client_for):
    new = reverse("logs:new", args=[circle.patient.pk, "note"])
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client_for(circle.caregiver).post(new, {"entry_id": str(uuid.uuid4()), "occurred_at": when,
                                                       "text": "Red heel on the left: kept it off the bed.",
                                                       "handoff": "on"})
    assert response.status_code == 302
    today = client_for(circle.owner).get(today_url(circle)).content.decode()
    assert "Red heel on the left" in today and "I have read it" in today
    assert "Red heel on the left" not in client_for(circle.caregiver).get(today_url(circle)).content.decode()


def test_one_members_reading_does_not_hide_it_from_the_others(circle, client_for):
    note = handoff(circle, author=circle.owner)
    other_author = handoff(circle, text="From the caregiver", author=circle.caregiver)
    assert client_for(circle.caregiver).post(read_url(note)).status_code == 302
    assert [n.pk for n in open_handoffs(circle.patient, circle.caregiver)] == []
    assert [n.pk for n in open_handoffs(circle.patient, circle.owner)] == [other_author.pk]
    assert "From the caregiver" in client_for(circle.owner).get(today_url(circle)).content.decode()


def test_reading_twice_keeps_one_receipt(circle, client_for):
    note = handoff(circle)
    client = client_for(circle.caregiver)
    client.post(read_url(note))
    client.post(read_url(note))
    assert Acknowledgement.objects.filter(note=note, user=circle.caregiver).count() == 1


def test_a_handoff_edited_after_it_was_read_is_shown_again(circle):
    from core.notes.today import acknowledge

    note = handoff(circle)
    acknowledge(note, circle.caregiver)
    assert not open_handoffs(circle.patient, circle.caregiver)
    note.text = "Correction: the right heel."
    note.save()
    assert [n.pk for n in open_handoffs(circle.patient, circle.caregiver)] == [note.pk]


def test_plain_notes_deleted_notes_and_old_handoffs_are_not_on_today(circle):
    handoff(circle, handoff=False)
    handoff(circle).soft_delete()
    old = handoff(circle)
    Note.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=31))
    handoff(circle).__class__.objects.create(patient=circle.other_patient, recorded_by=circle.stranger, text="x")
    assert len(open_handoffs(circle.patient, circle.caregiver)) == 1


def test_today_says_when_more_handoffs_wait_than_are_shown(circle, client_for):
    for i in range(SHOWN + 2):
        handoff(circle, text=f"note {i}")
    handoffs = open_handoffs(circle.patient, circle.caregiver)
    assert len(handoffs) == SHOWN and handoffs.more
    assert "More notes are waiting" in client_for(circle.caregiver).get(today_url(circle)).content.decode()


def test_a_viewer_sees_no_button_they_cannot_use(circle, client_for):
    handoff(circle)
    page = client_for(circle.viewer).get(today_url(circle)).content.decode()
    assert "I have read it" not in page


@pytest.mark.parametrize("role,status", [("owner", 302), ("caregiver", 302), ("viewer", 403), ("stranger", 404),
                                         ("anonymous", 302)])
def test_only_owners_and_caregivers_may_mark_a_handoff_read(role, status, circle, client_for):
    note = handoff(circle, author=circle.caregiver if role == "owner" else circle.owner)
    response = client_of(client_for, circle, role).post(read_url(note))
    assert response.status_code == status
    read = Acknowledgement.objects.filter(note=note).exists()
    assert read is (role in ("owner", "caregiver"))
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


def test_marking_read_needs_a_post(circle, client_for):
    assert client_for(circle.caregiver).get(read_url(handoff(circle))).status_code == 405
    assert not Acknowledgement.objects.exists()


def test_a_note_of_another_patient_cannot_be_marked_read_through_this_patient(circle, client_for):
    theirs = Note.objects.create(patient=circle.other_patient, recorded_by=circle.stranger, text="private")
    url = reverse("notes:acknowledge", args=[circle.patient.pk, theirs.pk])
    assert client_for(circle.owner).post(url).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_a_deleted_note_cannot_be_marked_read(circle, client_for):
    note = handoff(circle)
    note.soft_delete()
    assert client_for(circle.caregiver).post(read_url(note)).status_code == 404


def test_marking_read_goes_back_only_to_a_page_of_this_site(circle, client_for):
    client = client_for(circle.caregiver)
    evil = client.post(read_url(handoff(circle)), {"next": "https://evil.example/"})
    assert evil["Location"] == today_url(circle)
    timeline = reverse("logs:timeline", args=[circle.patient.pk])
    assert client.post(read_url(handoff(circle)), {"next": timeline})["Location"] == timeline


def test_the_note_page_says_who_has_read_it(circle, client_for):
    from core.notes.today import acknowledge

    note = handoff(circle)
    acknowledge(note, circle.caregiver)
    page = client_for(circle.viewer).get(reverse("logs:detail", args=[circle.patient.pk, "note", note.pk]))
    assert "Read by: Carlos" in page.content.decode()


def test_a_note_longer_than_2000_characters_is_refused(circle, client_for):
    new = reverse("logs:new", args=[circle.patient.pk, "note"])
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client_for(circle.caregiver).post(new, {"entry_id": str(uuid.uuid4()), "occurred_at": when,
                                                       "text": "x" * 2001})
    assert "text" in response.context["form"].errors and not Note.objects.exists()


def test_a_replayed_note_creates_nothing_more(circle, client_for):
    new = reverse("logs:new", args=[circle.patient.pk, "note"])
    data = {"entry_id": str(uuid.uuid4()), "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "text": "Once", "handoff": "on"}
    client = client_for(circle.caregiver)
    client.post(new, data)
    client.post(new, {**data, "text": "Twice"})
    assert list(Note.objects.values_list("text", flat=True)) == ["Once"] and TimelineEntry.objects.count() == 1


def test_the_timeline_shows_the_start_of_the_note(circle, client_for):
    handoff(circle, text="word " * 100)
    page = client_for(circle.viewer).get(reverse("logs:timeline", args=[circle.patient.pk])).content.decode()
    assert "Hand-off" in page and "word word" in page and "…" in page


def test_open_handoffs_is_one_query(circle, django_assert_num_queries):
    for i in range(50):
        handoff(circle, text=f"note {i}")
    with django_assert_num_queries(1):
        open_handoffs(circle.patient, circle.caregiver)


def test_today_with_50_notes_costs_no_more_queries_than_with_one(circle, client_for):
    client = client_for(circle.caregiver)
    handoff(circle)
    client.get(today_url(circle))  # materialise reminders, warm the session

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(today_url(circle)).status_code == 200
        return len(queries)

    with_one = count()
    for i in range(49):
        note = handoff(circle, text=f"note {i}", author=circle.viewer if i % 2 else circle.owner)
        if i % 3 == 0:
            Acknowledgement.objects.create(note=note, user=circle.owner)
    assert count() == with_one
