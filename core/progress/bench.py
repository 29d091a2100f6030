"""The benchmark's yardstick (see scripts/bench/): a Django view that makes one tiny query.

Wired in core/progress/urls.py only when the environment says TEND_BENCH=1, which only
`make bench` sets: in normal runs this view has no URL and cannot be reached.
"""

from django.http import HttpResponse

from core.patients.models import Patient


def minimal(request):
    exists = Patient.objects.filter(pk__isnull=True).exists()
    return HttpResponse(f"ok {exists}", content_type="text/plain")
