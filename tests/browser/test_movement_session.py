"""A guided passive-movement session from the reminder on Today: one movement at a time, with
the repetition counter and pain, a skip, then a stop for a possible blood clot that brings up
the red-flag advice; the summary counts it all and the reminder is done. Axe checks every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.circle import make_circle
from tests.browser.conftest import check_a11y, click_and_wait, log_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def routine(patient_id):
    """Six steps: the neck, the left wrist, the right shoulder, then the left and right legs."""
    from core.movement.models import Routine

    Routine.objects.create(patient_id=patient_id, items=[
        {"movement": "neck_rotation", "sides": "both", "reps": 5},
        {"movement": "wrist_flexion", "sides": "left", "reps": 8},
        {"movement": "shoulder_flexion", "sides": "right", "reps": 10},
        {"movement": "hip_knee_bend", "sides": "left", "reps": 10},
        {"movement": "toe_bends", "sides": "both", "reps": 10},
    ])


def passive_movement_reminder(patient_id):
    from core.reminders.models import Kind, Schedule

    Schedule.objects.create(patient_id=patient_id, kind=Kind.PASSIVE_MOVEMENT, interval_minutes=6 * 60,
                            starts_at=timezone.now() - timedelta(minutes=5))


def expect_step(page, number, movement, where):
    expect(page.get_by_role("heading", level=1)).to_have_text(movement)
    expect(page.locator(".step-where")).to_contain_text(f"{number} of 6")
    expect(page.locator(".step-where")).to_contain_text(where)
    check_a11y(page)


def pain(page, value):
    page.get_by_role("group", name=re.compile(r"^Pain, if any")).get_by_role(
        "radio", name=str(value), exact=True).check()


def test_a_guided_session_from_the_reminder_with_a_skip_and_a_stop_for_a_possible_clot(page, live_server):
    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"))
    routine(patient_id)
    passive_movement_reminder(patient_id)

    log_in(page, base, people["Carlos"])
    visit(page, f"{base}/p/{patient_id}/today/")
    due = page.locator("section", has=page.get_by_role("heading", name="Due now"))
    row = due.get_by_role("listitem").filter(has_text="Passive movement session")
    click_and_wait(page, row.get_by_role("link", name="Start guided session"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Passive movement")
    expect(page.get_by_text(re.compile(r"For the reminder due at .+ It is marked done when the session ends\."))
           ).to_be_visible()
    expect(page.get_by_text("6 movements, shown one at a time.")).to_be_visible()
    check_a11y(page)
    submit(page, "Start")

    # 1. The neck: counted with the big + button, no pain.
    expect_step(page, 1, "Turn the head", "Neck")
    counter = page.get_by_label(re.compile(r"^Repetitions done"))
    more = page.get_by_role("button", name="One more")
    for _ in range(5):
        more.click()
    expect(counter).to_have_value("5")
    pain(page, 0)
    submit(page, "Done")

    # 2. The left wrist: one tap too many, taken back; a little pain.
    expect_step(page, 2, "Bend the wrist forward and back", "Left arm")
    expect(page.locator("progress")).to_have_attribute("value", "1")
    for _ in range(4):
        more.click()
    page.get_by_role("button", name="One less").click()
    expect(counter).to_have_value("3")
    pain(page, 3)
    submit(page, "Done")

    # 3. The right shoulder: skipped.
    expect_step(page, 3, "Lift the arm forward and up", "Right arm")
    submit(page, "Skip this one")

    # 4. The left leg: it is swollen and warm. The advice shows as soon as the reason is chosen.
    expect_step(page, 4, "Bend the hip and knee", "Left leg")
    expect(page.get_by_text(re.compile(r"If a leg is swollen, painful, warm or red, do no leg exercises"))
           ).to_be_visible()
    page.get_by_text("Stop because…").click()
    page.get_by_role("radio", name=re.compile(r"^Possible blood clot")).check()
    hint = page.get_by_role("alert").filter(
        has=page.get_by_role("heading", name="Swelling or a possible blood clot: contact a clinician today"))
    expect(hint).to_be_visible()
    check_a11y(page)
    submit(page, "Stop")

    # The rest of the legs is paused, so the session is over: the summary, with the advice.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Passive movement session")
    advice = page.get_by_role("alert").filter(
        has=page.get_by_role("heading", name="Possible blood clot: contact a clinician today"))
    expect(advice).to_be_visible()
    expect(advice).to_contain_text("Do no more leg or foot exercises.")
    expect(advice).to_contain_text("The leg exercises of this session are paused and recorded as skipped.")
    tally = page.locator(".tally")
    expect(tally.get_by_role("listitem")).to_have_text(["2 done", "3 skipped", "1 stopped"])
    expect(page.get_by_text("The reminder is marked done.")).to_be_visible()
    pains = page.get_by_role("listitem").filter(has_text=re.compile(r"^\d+/10 · "))
    expect(pains).to_have_text(["3/10 · Bend the wrist forward and back · Left arm"])
    stopped = page.get_by_role("listitem").filter(has_text="Because:")
    expect(stopped).to_contain_text("Bend the hip and knee · Left leg")
    expect(stopped).to_contain_text("Because: Possible blood clot")
    page.get_by_text("Each movement (6)").click()
    each = page.locator(".movement-list").get_by_role("listitem")
    expect(each).to_have_text([
        "Done · Turn the head · 5 times · pain 0/10",
        "Done · Bend the wrist forward and back · Left arm · 3 times · pain 3/10",
        "Skipped · Lift the arm forward and up · Right arm",
        "Stopped · Bend the hip and knee · Left leg",
        "Skipped · Bend the toes · Left leg · paused after a warning sign",
        "Skipped · Bend the toes · Right leg · paused after a warning sign",
    ])
    check_a11y(page)
    summary_url = page.url

    # The advice links to the red flags: it opens.
    click_and_wait(page, advice.get_by_role("link", name=re.compile(r"When to call for help")))
    expect(page).to_have_url(f"{base}/guidance/red-flags/")
    expect(page.get_by_role("heading", level=1)).to_have_text("When to call for help")
    check_a11y(page)

    # Today: the reminder is done, by Carlos, from the guided session.
    visit(page, summary_url)
    click_and_wait(page, page.get_by_role("link", name="Back to Today"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    expect(page.get_by_text("Nothing due right now.")).to_be_visible()
    done = page.locator("section", has=page.get_by_role("heading", name="Done today"))
    item = done.get_by_role("listitem").filter(has_text="Passive movement session")
    expect(item).to_contain_text(re.compile(r"Done by Carlos at \d"))
    expect(item).to_contain_text("Guided session")
    check_a11y(page)
