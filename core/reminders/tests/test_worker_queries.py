"""The number of queries of a pass does not grow with the number of patients.

Documented bound (docs/reminders-worker.md): planning takes a fixed number of queries,
plus one INSERT per 500 new rows; dispatching takes 6 per batch of ``batch_size``
deliveries (plus one UPDATE per delivery that failed). With everything fitting in one
batch, a pass costs the same for 2 patients as for 20.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.reminders.delivery.worker import Worker

from .test_worker_exactly_once import families

PLANNING = 12           # reads and tidy-up UPDATEs, whatever the number of patients
BATCH = 6               # pick, claim, fetch, re-check roles, devices, mark sent
FIRST_PASS_BOUND = PLANNING + 2 + BATCH + 1   # + one INSERT each of occurrences and deliveries, + the empty pick
QUIET_PASS_BOUND = PLANNING + 1               # nothing new: planning, and one pick that finds nothing


def queries_of_a_pass():
    with Worker(threads=4) as worker, CaptureQueriesContext(connection) as queries:
        report = worker.run_pass()
    return len(queries), report


@pytest.mark.parametrize("patients", [2, 20])
def test_a_pass_takes_a_fixed_number_of_queries(db, push_service, vapid_key, patients):
    families(push_service, patients)
    first, report = queries_of_a_pass()
    assert report.sent == 2 * patients
    quiet, report = queries_of_a_pass()
    assert report.sent == 0
    print(f"\n{patients} patients: first pass {first} queries, next pass {quiet}")
    assert first <= FIRST_PASS_BOUND
    assert quiet <= QUIET_PASS_BOUND


def test_two_and_twenty_more_patients_cost_the_same(db, push_service, vapid_key):
    families(push_service, 2)
    small, report = queries_of_a_pass()
    assert report.sent == 4
    families(push_service, 20, first=2)
    large, report = queries_of_a_pass()
    assert report.sent == 40
    assert small == large
