"""Posting the skin-check forms as a phone would."""

import uuid

from django.urls import reverse
from django.utils import timezone


def new_url(circle, **query):
    url = reverse("skin:new", args=[circle.patient.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def finding_data(**fields):
    data = {
        "entry_id": str(uuid.uuid4()), "finding_id": str(uuid.uuid4()),
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "site": "sacrum", "side": "centre", "blanch": "not_tested", "category": "stage_1",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}
