"""Reminders at the bedside: plan turning every 2 hours, see it due, mark it done with a position,
and see it done — with who and when — from another member's phone."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    accept_invitation_as_new_person,
    check_a11y,
    click_and_wait,
    create_invitation,
    create_patient,
    field,
    new_person,
    sign_up,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_turning_every_two_hours_is_due_done_with_a_position_and_seen_by_the_family(page, new_page, live_server):
    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa", time_zone="Europe/Madrid")
    link = create_invitation(page, base, patient_id, role="Caregiver")
    carlos = new_page()
    accept_invitation_as_new_person(carlos, base, link, new_person("Carlos"), "Rosa")

    # Olivia plans turning every 2 hours, starting a minute ago.
    visit(page, f"{base}/p/{patient_id}/today/")
    click_and_wait(page, page.get_by_role("link", name="Care plan and duty roster"))
    check_a11y(page)
    click_and_wait(page, page.get_by_role("link", name="Repositioning (turning)"))
    check_a11y(page)
    expect(field(page, "Every (hours)")).to_have_value("2")
    expect(page.get_by_text("every 4 hours at high risk", exact=False)).to_be_visible()
    start = datetime.now(ZoneInfo("UTC")) - timedelta(minutes=1)
    # Olivia's own time zone is the browser's (Europe/Madrid), detected at sign-up.
    field(page, "Starts").fill(start.astimezone(ZoneInfo("Europe/Madrid")).strftime("%Y-%m-%dT%H:%M"))
    click_and_wait(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Added to the care plan: Repositioning (turning).")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Every 2 hours")
    check_a11y(page)

    # It is due now on Today, with the turning clock's suggestion.
    visit(page, f"{base}/p/{patient_id}/today/")
    due = page.locator("section", has=page.get_by_role("heading", name="Due now"))
    row = due.locator("li").filter(has_text="Repositioning (turning)")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Turn to: Left 30° tilt")
    expect(page.get_by_text("No turn recorded yet.")).to_be_visible()

    # She picks another position and taps Done: no page load, the board updates.
    row.get_by_text("Another position").click()
    row.get_by_role("radio", name="Right 30° tilt").check()
    with page.expect_response(re.compile(r"/done/$")) as answer:
        row.get_by_role("button", name="Done").click()
    assert answer.value.status == 200
    expect(page.get_by_role("status").first).to_contain_text("Repositioning (turning) done at")
    done = page.locator("section", has=page.get_by_role("heading", name="Done today"))
    expect(done).to_contain_text("Right 30° tilt")
    expect(done).to_contain_text(re.compile(r"Done by Olivia at \d"))
    expect(page.get_by_text(re.compile(r"Last turned .* ago \(Right 30° tilt\)"))).to_be_visible()
    check_a11y(page)

    # Carlos, on his phone, sees it done: by whom, when, and the next suggested position.
    visit(carlos, f"{base}/p/{patient_id}/today/")
    done = carlos.locator("section", has=carlos.get_by_role("heading", name="Done today"))
    expect(done).to_contain_text(re.compile(r"Done by Olivia at \d"))
    expect(done).to_contain_text("Right 30° tilt")
    expect(carlos.get_by_role("heading", name="Due now")).to_be_visible()
    expect(carlos.get_by_text("Nothing due right now.")).to_be_visible()
    # The timeline says the same.
    visit(carlos, f"{base}/p/{patient_id}/timeline/")
    expect(carlos.get_by_role("main")).to_contain_text("Turned: Right 30° tilt")


def test_two_members_tapping_done_on_the_same_turn_make_one_completion(page, new_page, live_server):
    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa")
    link = create_invitation(page, base, patient_id, role="Caregiver")
    carlos = new_page()
    accept_invitation_as_new_person(carlos, base, link, new_person("Carlos"), "Rosa")
    from core.reminders.models import Schedule
    from django.utils import timezone

    Schedule.objects.create(patient_id=patient_id, kind="repositioning", interval_minutes=120,
                            starts_at=timezone.now() - timedelta(minutes=1))
    visit(page, f"{base}/p/{patient_id}/today/")
    visit(carlos, f"{base}/p/{patient_id}/today/")
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_role("status").first).to_contain_text("done at")
    carlos.get_by_role("button", name="Done").click()
    expect(carlos.get_by_role("status").first).to_contain_text(re.compile(r"Already done by Olivia at \d"))
    check_a11y(carlos)
    from core.reminders.models import Occurrence

    assert Occurrence.objects.filter(patient_id=patient_id, status="done").count() == 1
