"""Exactly once: a second pass, or a second worker running at the same moment, sends nothing twice."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from core.accounts.models import User
from core.patients.models import Membership, Patient, Role
from core.reminders.delivery.worker import PassReport, Worker
from core.reminders.models import Delivery, Occurrence

from .fake_push import due_schedule, subscribe


def families(service, count, first=0):
    """``count`` patients, each with an owner and a caregiver who have one device each, and a turn due now."""
    for n in range(first, first + count):
        patient = Patient.objects.create(display_name=f"Patient {n}", time_zone="Europe/Madrid")
        for role in (Role.OWNER, Role.CAREGIVER):
            user = User.objects.create_user(f"{role}{n}@example.org", "x", display_name=f"{role} {n}")
            Membership.objects.create(patient=patient, user=user, role=role)
            subscribe(user, service)
        due_schedule(patient)


def test_running_the_pass_twice_creates_nothing_twice_and_sends_nothing_twice(db, push_service, vapid_key):
    families(push_service, 3)
    with Worker(threads=4) as worker:
        first = worker.run_pass()
        second = worker.run_pass()
    assert (first.occurrences_added, first.deliveries_added, first.sent) == (3, 6, 6)
    assert (second.occurrences_added, second.deliveries_added, second.sent) == (0, 0, 0)
    assert Occurrence.objects.count() == 3 and Delivery.objects.count() == 6
    assert len(push_service.delivered()) == 6
    assert set(Counter(r.endpoint for r in push_service.received).values()) == {1}


def test_a_claimed_delivery_is_not_claimed_again_until_its_lease_ends(db, push_service, vapid_key):
    families(push_service, 1)
    with Worker() as planner:
        planner.stop.set()
        planner.run_pass()
    lease_end = timezone.now() + timedelta(minutes=5)
    Delivery.objects.update(claimed_by="another-worker#1", claimed_until=lease_end)
    with Worker() as worker:
        assert worker.run_pass().sent == 0
    # The other worker died: once its lease is over, the rows are sent by someone else.
    Delivery.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    with Worker() as worker:
        assert worker.run_pass().sent == 2
    assert len(push_service.delivered()) == 2


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (make test-postgres): SQLite lets one writer in at a time, "
                    "so two workers there cannot race")


def side_by_side(job, count=2):
    """Run ``job(worker)`` in ``count`` threads (own database connections), released together."""
    start = threading.Barrier(count)
    reports, errors = [], []

    def work(name):
        try:
            with Worker(name, batch_size=7, threads=4) as worker:
                start.wait()
                reports.append(job(worker))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(1, count + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    return reports


def assert_each_sent_once(service, expected):
    assert service.errors == []
    per_endpoint = Counter(r.endpoint for r in service.received)
    assert len(per_endpoint) == expected and set(per_endpoint.values()) == {1}, per_endpoint.most_common(3)
    assert Delivery.objects.count() == expected
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == expected
    # Both really worked: the claims were shared, not all taken by whoever started first.
    claimed_by = Counter(claim.split("#")[0] for claim in Delivery.objects.values_list("claimed_by", flat=True))
    assert set(claimed_by) == {"worker-1", "worker-2"}, claimed_by


@pytest.mark.django_db(transaction=True)
def test_two_workers_dispatching_at_once_on_postgresql_send_each_notification_exactly_once(push_service,
                                                                                           vapid_key):
    needs_postgresql()
    families(push_service, 60)  # 120 notifications
    with Worker() as planner:
        planner.stop.set()
        planner.run_pass()

    def dispatch(worker):
        report = PassReport()
        worker.dispatch(report)
        return report

    reports = side_by_side(dispatch)
    assert sum(r.sent for r in reports) == 120
    assert_each_sent_once(push_service, 120)


@pytest.mark.django_db(transaction=True)
def test_two_whole_passes_at_once_on_postgresql_plan_and_send_everything_once(push_service, vapid_key):
    needs_postgresql()
    families(push_service, 60)
    reports = side_by_side(lambda worker: worker.run_pass())
    assert sum(r.sent for r in reports) == 120
    assert Occurrence.objects.count() == 60
    assert_each_sent_once(push_service, 120)
