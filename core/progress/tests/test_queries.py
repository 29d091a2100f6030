"""Progress, Today and the Timeline read a constant number of queries, however long the history.

The history is the benchmark's (scripts/bench/history.py): a year of turns every 2-3 hours,
passive-movement sessions, daily skin checks and weekly measurements, bulk-created.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.logs.models import TimelineEntry
from core.reminders.models import Occurrence
from scripts.bench.history import History

# What the Progress page may use: session, member, the member's circles (also the patient
# switcher), the units preference, and one query per source of data: measurements (weight and
# calf), mobility checks (strength and chair stands), wound areas, Braden, turning, movement.
PROGRESS_BUDGET = 10
# Today: session, member, circles, occurrences, the last turn, open hand-offs. The schedules
# are read only when the stored occurrences run short (Patient.reminders_planned_until).
TODAY_BUDGET = 6
# Timeline: session, member, circles, the count for the pager, the page, the member filter
# (and the units preference when the page shows a measurement).
TIMELINE_BUDGET = 7


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def measure(circle):
    """measure(url, client) -> (queries, their SQL) of a repeat visit (the first one sets up the session)."""

    def measure(url, client):
        client.get(url)  # first visit: session and current-patient bookkeeping
        return queries(client, url)

    return measure


def test_progress_uses_the_same_few_queries_for_ten_days_or_a_year(circle, client_for, measure):
    client = client_for(circle.viewer)
    urls = [reverse("progress:index", args=[circle.patient.pk]) + f"?range={key}" for key in ("30", "90", "365")]
    History(circle.patient, [circle.owner, circle.caregiver], days=10, seed=1).build()
    short = [measure(url, client)[0] for url in urls]
    counts = History(circle.patient, [circle.owner, circle.caregiver], days=365, seed=2).build()
    assert Occurrence.objects.filter(patient=circle.patient).count() > 3000
    assert TimelineEntry.objects.filter(patient=circle.patient).count() > 3000
    assert counts["repositionings"] > 2500
    for url, before in zip(urls, short):
        after, sql = measure(url, client)
        # Never more with a year; it may be one fewer when the first page holds no measurement
        # (the member's units are then not looked up).
        assert after <= before, f"{url}: {before} queries with 10 days, {after} with a year\n" + "\n".join(sql)
        assert after <= PROGRESS_BUDGET, "\n".join(sql)


def test_today_and_the_timeline_do_not_grow_with_the_history_either(circle, client_for, measure):
    client = client_for(circle.caregiver)
    urls = [reverse(name, args=[circle.patient.pk]) for name in ("reminders:today", "logs:timeline")]
    History(circle.patient, [circle.owner, circle.caregiver], days=10, seed=1).build()
    short = [measure(url, client)[0] for url in urls]
    History(circle.patient, [circle.owner, circle.caregiver], days=365, seed=2).build()
    for url, before, budget in zip(urls, short, (TODAY_BUDGET, TIMELINE_BUDGET)):
        after, sql = measure(url, client)
        # Never more with a year; it may be one fewer when the first page holds no measurement
        # (the member's units are then not looked up).
        assert after <= before, f"{url}: {before} queries with 10 days, {after} with a year\n" + "\n".join(sql)
        assert after <= budget, "\n".join(sql)
