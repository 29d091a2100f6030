"""The same pages, measured in-process: CPU time per request (Django's test client, no HTTP).

wrk's latencies include the network stack, gunicorn and, on a shared machine, whatever else
runs; this is the app's own work, far less sensitive to the machine's load, so it tells
whether a change made a page cheaper. Run by run.sh with the benchmark's settings and database.

Usage: cpu.py <patient id> [requests per page, default 60]
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caregiver.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from core.accounts.models import User  # noqa: E402

PAGES = [
    ("minimal", "/bench/minimal/"),
    ("today", "/p/{patient}/today/"),
    ("timeline", "/p/{patient}/timeline/"),
    ("progress", "/p/{patient}/progress/"),
    ("progress_year", "/p/{patient}/progress/?range=365"),
]


def main(patient, count):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(email=os.environ.get("BENCH_EMAIL", "bench@bench.tend")))
    results = {}
    for name, path in PAGES:
        url = path.format(patient=patient)
        for _ in range(3):  # warm the caches (templates, translations, formats)
            assert client.get(url).status_code == 200, url
        times = []
        for _ in range(count):
            started = time.process_time()
            client.get(url)
            times.append((time.process_time() - started) * 1000)
        results[name] = (min(times), statistics.median(times))
    base = results["minimal"][1]
    print("| Page | CPU min (ms) | CPU median (ms) | median ratio |")
    print("|---|---:|---:|---:|")
    for name, (low, median) in results.items():
        print(f"| {name} | {low:.1f} | {median:.1f} | {median / base:.1f}× |")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 60)
