"""A cold load of any page (HTML, CSS, JS, favicon and manifest, gzip-compressed) stays under 30 KB.

The figure each page reaches is printed (``pytest -s``) and recorded in docs/performance.md.
"""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

BUDGET = 30 * 1024


def gzipped(data):
    return len(gzip.compress(data, compresslevel=9))


def cold_load(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content
    total = gzipped(html)
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js|svg))"', html)
    for asset in {a.decode() for a in assets if not a.startswith(b"guidance/img/")}:
        with open(finders.find(asset), "rb") as handle:
            total += gzipped(handle.read())
    total += gzipped(client.get(reverse("manifest")).content)
    return total


PAGES = {
    "login": lambda c: reverse("accounts:login"),
    "signup": lambda c: reverse("accounts:signup"),
    "my patients": lambda c: reverse("patients:list"),
    "today": lambda c: reverse("reminders:today", args=[c.patient.pk]),
    "profile": lambda c: reverse("patients:profile", args=[c.patient.pk]),
    "edit profile": lambda c: reverse("patients:edit", args=[c.patient.pk]),
    "care circle": lambda c: reverse("patients:circle", args=[c.patient.pk]),
    "settings": lambda c: reverse("accounts:preferences"),
    "guidance": lambda c: reverse("guidance:index"),
    "red flags": lambda c: reverse("guidance:red_flags"),
    "log": lambda c: reverse("logs:menu", args=[c.patient.pk]),
    "timeline": lambda c: reverse("logs:timeline", args=[c.patient.pk]),
    "care plan": lambda c: reverse("reminders:plan", args=[c.patient.pk]),
    "skin check": lambda c: reverse("skin:new", args=[c.patient.pk]),
    "braden": lambda c: reverse("logs:new", args=[c.patient.pk, "braden"]),
    "progress": lambda c: reverse("progress:index", args=[c.patient.pk]),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_cold_load_stays_under_30_kb(page, circle, client_for):
    client = client_for(None if page in ("login", "signup") else circle.owner)
    size = cold_load(client, PAGES[page](circle))
    print(f"\n{page}: {size / 1024:.1f} KB")
    assert size < BUDGET, f"{page} weighs {size / 1024:.1f} KB compressed"
