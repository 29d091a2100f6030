"""The private calendar feed, read back with the icalendar library as a calendar app would."""

import datetime
import re
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from core.patients.models import hash_token
from core.reminders.delivery.feed import calendar_for
from core.reminders.models import (Assignment, CalendarFeed, DutyShift, Kind, Occurrence, Recurrence,
                                   Schedule)

UTC = datetime.timezone.utc
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
# Spain moves its clocks forward on 29 March 2026: the two weeks from here cross it.
NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def twice_a_day(patient, **fields):
    fields.setdefault("kind", Kind.SKIN_CHECK)
    return Schedule.objects.create(patient=patient, recurrence=Recurrence.TIMES, times_of_day=["08:00", "20:00"],
                                   starts_at=datetime.datetime(2026, 1, 1, tzinfo=UTC), **fields)


def events(ics):
    calendar = icalendar.Calendar.from_ical(ics)
    return [component for component in calendar.walk("VEVENT")]


def feed_link(client):
    client.post(reverse("reminders:calendar_new"))
    page = client.get(reverse("reminders:notifications")).content.decode()
    return re.search(r'id="feed-link" readonly value="([^"]+)"', page).group(1)


def test_two_weeks_of_events_at_the_patients_wall_clock_with_an_alarm_each(circle):
    twice_a_day(circle.patient)
    ics = calendar_for(circle.owner, now=NOW)
    calendar = icalendar.Calendar.from_ical(ics)
    found = events(ics)
    assert len(found) == 28
    starts = [event.decoded("dtstart") for event in found]
    assert {start.tzinfo.key for start in starts} == {"Europe/Madrid"}
    assert {(start.hour, start.minute) for start in starts} == {(8, 0), (20, 0)}  # before and after the change
    assert {start.utcoffset() for start in starts} == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Madrid"]
    assert "TZID=Europe/Madrid" in ics.decode()
    for event in found:
        [alarm] = event.walk("VALARM")
        assert alarm["action"] == "DISPLAY" and alarm.decoded("trigger") == datetime.timedelta(0)
        assert str(event["summary"]) == "Rosa: Skin check"
    assert len({str(event["uid"]) for event in found}) == 28


def test_uids_stay_the_same_from_one_refresh_to_the_next(circle):
    twice_a_day(circle.patient)
    first = {str(e["uid"]) for e in events(calendar_for(circle.owner, now=NOW))}
    later = {str(e["uid"]) for e in events(calendar_for(circle.owner, now=NOW + datetime.timedelta(hours=13)))}
    assert len(first & later) == 27  # one event passed, one new one came in


def test_the_feed_says_nothing_more_than_the_patients_name_and_the_task(circle):
    circle.patient.notes = "Left side weak since the stroke."
    circle.patient.save()
    twice_a_day(circle.patient)
    ics = calendar_for(circle.owner, now=NOW).decode()
    assert "stroke" not in ics and "owner@example.org" not in ics and "Olivia" not in ics
    assert set(re.findall(r"^(DESCRIPTION|LOCATION|ATTENDEE|ORGANIZER)", ics, re.M)) == {"DESCRIPTION"}  # alarm text


def test_the_feed_is_in_the_members_language(circle):
    circle.owner.language = "es"
    circle.owner.save()
    twice_a_day(circle.patient, kind=Kind.REPOSITIONING, title="")
    found = events(calendar_for(circle.owner, now=NOW))
    assert str(found[0]["summary"]) == "Rosa: Cambio de posición en la cama"


def test_reminders_for_one_person_are_only_in_that_persons_calendar(circle):
    twice_a_day(circle.patient, assignment=Assignment.MEMBER, assignee=circle.caregiver)
    assert len(events(calendar_for(circle.caregiver, now=NOW))) == 28
    assert len(events(calendar_for(circle.owner, now=NOW))) == 0


def test_on_duty_reminders_follow_the_roster_and_fall_back_to_everyone(circle):
    DutyShift.objects.create(patient=circle.patient, member=circle.caregiver, starts=datetime.time(7),
                             ends=datetime.time(12))
    twice_a_day(circle.patient, assignment=Assignment.ON_DUTY)
    caregiver = events(calendar_for(circle.caregiver, now=NOW))
    owner = events(calendar_for(circle.owner, now=NOW))
    assert len(caregiver) == 28  # mornings on duty, evenings nobody is: everyone
    assert {e.decoded("dtstart").hour for e in owner} == {20}


def test_done_occurrences_are_left_out(circle):
    schedule = twice_a_day(circle.patient)
    due = datetime.datetime(2026, 3, 21, 8, tzinfo=MADRID).astimezone(UTC)
    Occurrence.objects.create(schedule=schedule, patient=circle.patient, kind=schedule.kind, due_at=due,
                              status=Occurrence.Status.DONE, done_at=due, done_by=circle.owner)
    assert len(events(calendar_for(circle.owner, now=NOW))) == 27


def test_stopped_schedules_are_left_out(circle):
    twice_a_day(circle.patient, active=False)
    assert events(calendar_for(circle.owner, now=NOW)) == []


@pytest.mark.parametrize("role, count", [("owner", 28), ("caregiver", 28), ("viewer", 0), ("stranger", 0)])
def test_each_role_gets_its_own_feed_over_http(role, count, circle, client_for, client):
    twice_a_day(circle.patient)
    link = feed_link(client_for(circle.users[role]))
    response = client.get(link)  # a calendar app: no session, the link is the credential
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert len(events(response.content)) == count


def test_anonymous_cannot_make_a_feed_and_an_unknown_token_is_not_found(db, client):
    assert client.post(reverse("reminders:calendar_new")).status_code == 302
    assert not CalendarFeed.objects.exists()
    response = client.get(reverse("reminders:calendar_feed", kwargs={"feed_token": "guessed-token"}))
    assert response.status_code == 404


def test_the_link_is_shown_once_and_only_its_hash_is_kept(circle, client_for):
    client = client_for(circle.owner)
    link = feed_link(client)
    token = link.rsplit("/", 1)[1].removesuffix(".ics")
    assert CalendarFeed.objects.get(user=circle.owner).token_hash == hash_token(token)
    assert token not in CalendarFeed.objects.get(user=circle.owner).token_hash
    again = client.get(reverse("reminders:notifications")).content.decode()
    assert token not in again and "not shown again" in again


def test_a_new_link_revokes_the_old_one_and_stopping_revokes_all(circle, client_for, client):
    member = client_for(circle.owner)
    old = feed_link(member)
    new = feed_link(member)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    member.post(reverse("reminders:calendar_stop"))
    assert client.get(new).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_a_deactivated_members_feed_stops(circle, client_for, client):
    link = feed_link(client_for(circle.owner))
    circle.owner.is_active = False
    circle.owner.save()
    assert client.get(link).status_code == 404
