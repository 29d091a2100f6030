import os

from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("p/<uuid:patient_id>/progress/", views.index, name="index"),
]

# Only for `make bench` (scripts/bench/): a minimal view that makes one tiny query, the
# yardstick the real pages are compared with. It exists only when the benchmark starts the
# server with TEND_BENCH=1; in normal runs this URL is never defined, so it is not reachable.
if os.environ.get("TEND_BENCH") == "1":  # pragma: no cover - exercised by make bench
    from .bench import minimal

    urlpatterns.append(path("bench/minimal/", minimal, name="bench_minimal"))
