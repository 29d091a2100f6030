"""The bedside logs on a phone: a turn logged by hand, a hand-off read by each member in turn,
and what a viewer may and may not do with the entries. Axe checks every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.circle import make_circle, shown_time, typed
from tests.browser.conftest import (
    check_a11y,
    click_and_wait,
    expect_field_error,
    field,
    log_in,
    submit,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_log(page, kind_label):
    """Log tab → the kind of entry: the way a person starts any bedside log."""
    click_and_wait(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Log"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Log")
    check_a11y(page)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name=kind_label, exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text(kind_label)
    check_a11y(page)


def test_a_caregiver_logs_a_turn_sees_it_on_the_timeline_and_today_says_when_she_was_last_turned(
        page, live_server):
    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"))
    log_in(page, base, people["Carlos"])
    visit(page, f"{base}/p/{patient_id}/today/")
    expect(page.get_by_text("No turn recorded yet.")).to_be_visible()

    open_log(page, "Repositioning")
    positions = page.get_by_role("group", name=re.compile(r"^New position"))
    positions.get_by_role("radio", name="Right 30° tilt").check()
    field(page, "Note").fill("Pillow under the left hip")

    # A date in the future (a slip of the thumb on the date picker): refused, next to the field.
    field(page, "When").fill(typed(timezone.now() + timedelta(days=2)))
    response = submit(page, "Save")
    assert response.status == 200 and response.request.method == "POST"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Repositioning")
    expect_field_error(page, "When", "This time is in the future. Check the date and time.")
    expect(field(page, "Note")).to_have_value("Pillow under the left hip")
    expect(positions.get_by_role("radio", name="Right 30° tilt")).to_be_checked()
    check_a11y(page)

    # Twenty minutes ago, as it really was.
    turned_at = (timezone.now() - timedelta(minutes=20)).replace(second=0, microsecond=0)
    field(page, "When").fill(typed(turned_at))
    submit(page, "Save")
    expect(page.get_by_role("status")).to_contain_text("Saved: Repositioning.")
    expect(page.get_by_text("Recorded by Carlos")).to_be_visible()
    check_a11y(page)

    # The timeline: what, who and when.
    click_and_wait(page, page.get_by_role("link", name="Timeline", exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Timeline")
    entry = page.get_by_role("listitem").filter(has_text="Turned: Right 30° tilt")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(f"{shown_time(turned_at)} · Carlos")
    check_a11y(page)

    # Today: how long since she was turned, and to which position.
    click_and_wait(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Today"))
    expect(page.locator(".since-turn")).to_have_text(
        re.compile(r"Last turned 2[01]\s+minutes ago \(Right 30° tilt\)\."))
    check_a11y(page)


def test_a_hand_off_stays_at_the_top_of_today_for_each_member_until_that_member_has_read_it(
        page, new_page, live_server):
    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"), ("Dana", "caregiver"))
    message = "Rosa slept badly; the left heel looked pink at 6. Float the heels, please."

    # Olivia, going off duty, writes it down.
    log_in(page, base, people["Olivia"])
    visit(page, f"{base}/p/{patient_id}/today/")
    open_log(page, "Note or hand-off")
    field(page, "Note").fill(message)
    expect(field(page, "The next person should read this")).to_be_checked()
    submit(page, "Save")
    expect(page.get_by_role("status")).to_contain_text("Saved: Note or hand-off.")
    check_a11y(page)
    # Her own Today does not ask her to read her own hand-off.
    visit(page, f"{base}/p/{patient_id}/today/")
    expect(page.get_by_role("heading", name="For the next person")).to_have_count(0)

    # Carlos opens Today: the hand-off comes first, before the reminders.
    carlos = new_page()
    log_in(carlos, base, people["Carlos"])
    visit(carlos, f"{base}/p/{patient_id}/today/")
    handoffs = carlos.locator("section", has=carlos.get_by_role("heading", name="For the next person"))
    expect(handoffs).to_contain_text(message)
    expect(handoffs).to_contain_text(re.compile(r"Olivia, .+ at \d"))
    first_heading = carlos.get_by_role("main").get_by_role("heading", level=2).first
    expect(first_heading).to_have_text("For the next person")
    click_and_wait(carlos, handoffs.get_by_role("button", name="I have read it"))
    expect(carlos.get_by_role("status")).to_contain_text(
        "Marked as read. The others still see it until they read it.")
    expect(carlos.get_by_role("heading", name="For the next person")).to_have_count(0)
    expect(carlos.get_by_text(message)).to_have_count(0)
    check_a11y(carlos)
    visit(carlos, f"{base}/p/{patient_id}/today/")
    expect(carlos.get_by_text(message)).to_have_count(0)

    # Dana has not read it yet: it is still there for her.
    dana = new_page()
    log_in(dana, base, people["Dana"])
    visit(dana, f"{base}/p/{patient_id}/today/")
    handoffs = dana.locator("section", has=dana.get_by_role("heading", name="For the next person"))
    expect(handoffs).to_contain_text(message)
    expect(handoffs.get_by_role("button", name="I have read it")).to_be_visible()


def test_a_viewer_reads_the_log_the_timeline_and_the_entries_but_cannot_add_edit_or_delete(
        page, new_page, live_server):
    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Vera", "viewer"))
    log_in(page, base, people["Olivia"])
    visit(page, f"{base}/p/{patient_id}/log/repositioning/new/")
    page.get_by_role("radio", name="Left 30° tilt").check()
    submit(page, "Save")
    expect(page.get_by_role("link", name="Edit")).to_be_visible()  # the author can
    check_a11y(page)
    entry_url = page.url
    edit_url = entry_url + "edit/"
    delete_url = entry_url + "delete/"

    vera = new_page()
    log_in(vera, base, people["Vera"])
    visit(vera, f"{base}/p/{patient_id}/today/")
    click_and_wait(vera, vera.get_by_role("navigation", name="Main").get_by_role("link", name="Log"))
    expect(vera.get_by_role("heading", level=1)).to_contain_text("Log")
    expect(vera.get_by_text("As a viewer you can read everything that was logged, but not add to it.")).to_be_visible()
    for label in ("Repositioning", "Skin check", "Note or hand-off", "Weight and measurements"):
        expect(vera.get_by_role("link", name=label, exact=True)).to_have_count(0)
    expect(vera.get_by_role("main")).to_contain_text("Turned: Left 30° tilt")
    check_a11y(vera)

    click_and_wait(vera, vera.get_by_role("link", name="Whole timeline"))
    expect(vera.get_by_role("heading", level=1)).to_contain_text("Timeline")
    entry = vera.get_by_role("listitem").filter(has_text="Turned: Left 30° tilt")
    expect(entry).to_contain_text("Olivia")
    check_a11y(vera)

    click_and_wait(vera, entry.get_by_role("link", name="Details"))
    assert vera.url == entry_url
    expect(vera.get_by_text("Recorded by Olivia")).to_be_visible()
    expect(vera.get_by_role("heading", name="Edit history")).to_be_visible()
    expect(vera.get_by_role("link", name="Edit")).to_have_count(0)
    expect(vera.get_by_role("link", name="Delete")).to_have_count(0)
    expect(vera.get_by_role("button", name="Save")).to_have_count(0)
    check_a11y(vera)

    # Typing the addresses by hand: "Not allowed", with nothing to submit.
    for url in (edit_url, delete_url, f"{base}/p/{patient_id}/log/repositioning/new/"):
        visit(vera, url, status=403)
        expect(vera.get_by_role("heading", level=1)).to_have_text("Not allowed")
        expect(vera.get_by_role("button", name=re.compile("^(Save|Delete)$"))).to_have_count(0)
