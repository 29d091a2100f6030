"""Looking back: the timeline narrowed to one kind of entry and to one member, and the Progress
page's charts, each with the same values as a table. Axe checks every page."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.circle import make_circle, shown_short_datetime, user_of
from tests.browser.conftest import check_a11y, click_and_wait, field, log_in, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def history(patient_id, carlos, dana):
    """A few weeks of care by two members (made directly: the journey is reading it back)."""
    from core.assessments.models import BradenAssessment
    from core.logs.models import Repositioning
    from core.measurements.models import Measurement
    from core.notes.models import Note

    now = timezone.now().replace(second=0, microsecond=0)
    Repositioning.objects.create(patient_id=patient_id, recorded_by=carlos, occurred_at=now - timedelta(hours=3),
                                 position="left_tilt_30")
    Repositioning.objects.create(patient_id=patient_id, recorded_by=dana, occurred_at=now - timedelta(hours=1),
                                 position="supine", heels_floated=True)
    Note.objects.create(patient_id=patient_id, recorded_by=dana, occurred_at=now - timedelta(hours=2),
                        text="Ate well at lunch.", handoff=False)
    weights = [(now - timedelta(days=days), Decimal(kg)) for days, kg in ((20, "66.0"), (10, "65.2"), (2, "64.8"))]
    for at, kg in weights:
        Measurement.objects.create(patient_id=patient_id, recorded_by=carlos, occurred_at=at, weight_kg=kg,
                                   weight_method="bed_scale")
    bradens = [(now - timedelta(days=12), dict(sensory=3, moisture=3, activity=2, mobility=2, nutrition=2,
                                               friction=2)),   # 14
               (now - timedelta(days=4), dict(sensory=2, moisture=3, activity=2, mobility=2, nutrition=2,
                                              friction=1))]    # 12
    for at, answers in bradens:
        BradenAssessment.objects.create(patient_id=patient_id, recorded_by=dana, occurred_at=at, **answers)
    return weights, bradens


def show(page, what=None, who=None):
    if what is not None:
        field(page, "What").select_option(label=what)
    if who is not None:
        field(page, "Who").select_option(label=who)
    submit(page, "Show")
    check_a11y(page)
    return page.get_by_role("main").get_by_role("listitem")


def test_the_timeline_filters_by_kind_and_member_and_progress_charts_have_a_table_of_their_values(
        page, live_server):
    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"), ("Dana", "caregiver"))
    weights, bradens = history(patient_id, user_of(people["Carlos"]), user_of(people["Dana"]))

    log_in(page, base, people["Olivia"])
    click_and_wait(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Log"))
    check_a11y(page)
    click_and_wait(page, page.get_by_role("link", name="Whole timeline"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Timeline")
    entries = page.get_by_role("main").get_by_role("listitem")
    expect(entries).to_have_count(8)
    check_a11y(page)

    # Only the turns.
    entries = show(page, what="Repositioning")
    expect(page).to_have_url(re.compile(r"[?&]kind=repositioning\b"))
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("Dana")
    expect(entries.nth(0)).to_contain_text("Turned: On the back (heels floated) · heels floated")
    expect(entries.nth(1)).to_contain_text("Carlos")
    expect(entries.nth(1)).to_contain_text("Turned: Left 30° tilt")
    expect(field(page, "What")).to_have_value("repositioning")

    # Only Dana's turns.
    entries = show(page, who="Dana")
    expect(entries).to_have_count(1)
    expect(entries).to_contain_text("Dana")
    expect(entries).to_contain_text("Turned: On the back (heels floated)")

    # Everything Carlos did: a turn and three weights, nothing of Dana's.
    entries = show(page, what="Everything", who="Carlos")
    expect(entries).to_have_count(4)
    for i in range(4):
        expect(entries.nth(i)).to_contain_text("Carlos")
    expect(entries.filter(has_text="Measured:")).to_have_count(3)
    expect(entries.filter(has_text="Dana")).to_have_count(0)

    # Progress: a card per trend; each chart can be read as a table.
    click_and_wait(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Progress")
    check_a11y(page)

    weight = page.get_by_role("region", name="Weight", exact=True)
    expect(weight.get_by_role("img", name=re.compile(r"^Weight\b"))).to_be_visible()
    expect(weight).to_contain_text("Latest: 64.8 kg")
    table = weight.get_by_role("table", name="Weight")
    expect(table).to_be_hidden()
    weight.get_by_text("Show as table").click()
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader")).to_have_text(["When", "Weight"])
    expect(table.locator("tbody tr")).to_have_text(
        [re.compile(rf"^\s*{re.escape(shown_short_datetime(at))}\s*{kg}\s*kg\s*$") for at, kg in weights])
    check_a11y(page)

    braden = page.get_by_role("region", name="Pressure-injury risk (Braden total, 6–23)")
    expect(braden.get_by_role("img")).to_be_visible()
    braden.get_by_text("Show as table").click()
    rows = braden.get_by_role("table").locator("tbody tr")
    expect(rows).to_have_text(
        [re.compile(rf"^\s*{re.escape(shown_short_datetime(at))}\s*{total}\s*$") for at, total in
         zip([at for at, _answers in bradens], (14, 12))])

    strength = page.get_by_role("region", name="Muscle strength (MRC sum, 0–60)")
    expect(strength).to_contain_text("No full strength check (all twelve muscle groups) in this period.")
    expect(strength.get_by_role("table")).to_have_count(0)
    check_a11y(page)
