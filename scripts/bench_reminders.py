"""Benchmark one reminder-worker pass: 1,000 patients, 2,000 push notifications.

    .venv/bin/python scripts/bench_reminders.py
    DATABASE_URL=postgres://tend:tend@127.0.0.1:54329/tend .venv/bin/python scripts/bench_reminders.py

Seeds 1,000 patients, each with an owner and a caregiver, each member with one push
subscription (real P-256 keys) pointing at a local fake push service that accepts
everything (core/reminders/tests/fake_push.py, in its own process), and a turning
schedule due now; then runs one worker pass and prints how long planning and
dispatching took and how many notifications the push service received.

Without DATABASE_URL it uses a new SQLite file in /tmp. With DATABASE_URL the
database must be empty (it is migrated and seeded; use a throwaway one, e.g.
``eval "$(scripts/throwaway-postgres.sh start)"``). Results: docs/reminders-worker.md.
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=None, help="sending threads (worker default if omitted)")
    parser.add_argument("--batch-size", type=int, default=None)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caregiver.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="tend-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    from cryptography.hazmat.primitives.asymmetric import ec

    from core.reminders.tests.fake_push import b64url
    key = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value.to_bytes(32, "big")
    os.environ["VAPID_PRIVATE_KEY"] = b64url(key)  # never touches the project's .vapid/

    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from core.patients.models import Patient
    if Patient.objects.exists():
        sys.exit("The database is not empty: give the benchmark a throwaway one.")

    service = subprocess.Popen([sys.executable, "-m", "core.reminders.tests.fake_push", "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        origin = service.stdout.readline().strip()
        seeded = seed(args.patients, origin)
        print(f"Seeded {args.patients} patients, {seeded} members with one device each "
              f"({connection.vendor}).")
        run(args, origin, seeded)
    finally:
        service.terminate()
        service.wait(10)


def seed(patients, origin):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from django.utils import timezone

    from core.accounts.models import User
    from core.patients.models import Membership, Patient, Role
    from core.reminders.models import Kind, PushSubscription, Schedule
    from core.reminders.tests.fake_push import b64url

    def device_keys():
        public = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        return b64url(public), b64url(os.urandom(16))

    starts = (timezone.now() - timedelta(minutes=1)).replace(second=0, microsecond=0)
    people = Patient.objects.bulk_create(
        [Patient(display_name=f"Patient {n}", time_zone="Europe/Madrid") for n in range(patients)], batch_size=500)
    users = User.objects.bulk_create(
        [User(email=f"{role}{n}@bench.tend", display_name=f"{role} {n}", password="!", language=("en", "es")[n % 2])
         for n in range(patients) for role in ("owner", "carer")], batch_size=500)
    Membership.objects.bulk_create(
        [Membership(patient=people[i // 2], user=user, role=(Role.OWNER, Role.CAREGIVER)[i % 2])
         for i, user in enumerate(users)], batch_size=500)
    subscriptions = []
    for i, user in enumerate(users):
        p256dh, auth = device_keys()
        subscriptions.append(PushSubscription(user=user, endpoint=f"{origin}/push/{i}", p256dh=p256dh, auth=auth))
    PushSubscription.objects.bulk_create(subscriptions, batch_size=500)
    Schedule.objects.bulk_create(
        [Schedule(patient=p, kind=Kind.REPOSITIONING, interval_minutes=120, starts_at=starts) for p in people],
        batch_size=500)
    return len(users)


def run(args, origin, expected):
    from core.reminders.delivery.worker import Worker

    options = {k: v for k, v in (("threads", args.threads), ("batch_size", args.batch_size)) if v}
    with Worker(**options) as worker:
        started = time.perf_counter()
        report = worker.run_pass()
        total = time.perf_counter() - started
        threads = worker._pool._max_workers
    received = int(urllib.request.urlopen(f"{origin}/count", timeout=10).read())
    print(f"Machine: {os.cpu_count()} cores, {_cpu()}; Python {platform.python_version()}")
    print(f"Worker: {threads} sending threads, batches of {worker.batch_size}")
    print(f"Planning: {report.occurrences_added} occurrences, {report.deliveries_added} deliveries "
          f"in {report.plan_seconds:.2f} s")
    print(f"Dispatching: {report.sent} sent, {report.retrying} to retry, {report.failed} failed "
          f"in {report.dispatch_seconds:.2f} s ({report.sent / report.dispatch_seconds:.0f} notifications/s)")
    print(f"Whole pass: {total:.2f} s. The push service received {received} of {expected} notifications.")
    if received != expected or report.sent != expected:
        sys.exit("Not every notification arrived exactly once.")


def _cpu():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
