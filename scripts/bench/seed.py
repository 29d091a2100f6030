"""Seed the benchmark database: one family, one patient, a year of care (scripts/bench/history.py).

Run by scripts/bench/run.sh against its own SQLite file (DATABASE_URL), never the dev database.
Prints the patient's id; the login is BENCH_EMAIL / BENCH_PASSWORD.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caregiver.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from core.accounts.models import User  # noqa: E402
from core.patients.models import Condition, Membership, Mobility, Patient, Role, Sex  # noqa: E402
from scripts.bench.history import History  # noqa: E402

EMAIL = os.environ.get("BENCH_EMAIL", "bench@bench.tend")
PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-password-2026")


def main():
    database = settings.DATABASES["default"]["NAME"]
    if "bench" not in str(database):
        sys.exit(f"refusing to seed {database}: the benchmark uses its own database file")
    started = time.monotonic()
    owner = User.objects.create_user(EMAIL, PASSWORD, display_name="Bea", time_zone="Europe/Madrid")
    night = User.objects.create_user("night@bench.tend", PASSWORD, display_name="Nico", time_zone="Europe/Madrid")
    patient = Patient.objects.create(display_name="Rosa", year_of_birth=1948, sex=Sex.FEMALE,
                                     conditions=[Condition.STROKE], usual_mobility=Mobility.BED_BOUND,
                                     time_zone="Europe/Madrid")
    Membership.objects.create(patient=patient, user=owner, role=Role.OWNER)
    Membership.objects.create(patient=patient, user=night, role=Role.CAREGIVER)
    counts = History(patient, [owner, night], days=365).build()
    seconds = time.monotonic() - started
    print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items()) + f" ({seconds:.1f} s)",
          file=sys.stderr)
    print(patient.pk)


if __name__ == "__main__":
    main()
