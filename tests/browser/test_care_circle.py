"""The care circle: invitations, what a viewer may do, and what a stranger may see."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    click_and_wait,
    accept_invitation_as_new_person,
    check_a11y,
    create_invitation,
    create_patient,
    new_person,
    sign_up,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_invites_a_caregiver_who_joins_and_the_link_then_stops_working(
        page, new_page, live_server):
    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa")

    link = create_invitation(page, base, patient_id, role="Caregiver", note="Carlos")
    assert link.startswith(base + "/invite/")
    waiting = page.get_by_role("heading", name="Waiting invitations")
    expect(waiting).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Caregiver · Carlos")

    # Carlos, on his own phone, opens the link, creates an account and joins.
    carlos_page = new_page()
    accept_invitation_as_new_person(carlos_page, base, link, new_person("Carlos"), "Rosa")
    expect(carlos_page).to_have_url(f"{base}/p/{patient_id}/today/")
    expect(carlos_page.get_by_role("heading", level=1)).to_contain_text("Today")

    # Olivia now sees Carlos in the circle, as a caregiver; the invitation is no longer waiting.
    visit(page, f"{base}/p/{patient_id}/circle/")
    carlos = page.locator("li.member").filter(has_text="Carlos")
    expect(carlos).to_contain_text("Caregiver")
    expect(page.get_by_label("Role of Carlos")).to_have_value("caregiver")
    expect(page.get_by_role("heading", name="Waiting invitations")).to_have_count(0)

    # Someone else who gets hold of the same link cannot use it.
    third = new_page()
    sign_up(third, base, new_person("Tom"))
    response = third.goto(link)
    assert response.status == 410
    check_a11y(third)
    expect(third.get_by_role("heading", level=1)).to_have_text("This link cannot be used")
    expect(third.get_by_role("alert")).to_have_text(
        "This invitation has already been used. Ask for a new link.")
    expect(third.get_by_role("button", name="Join")).to_have_count(0)
    visit(third, f"{base}/p/{patient_id}/today/", status=404)


def test_a_viewer_sees_the_patient_but_has_no_controls_to_change_anything(
        page, new_page, live_server):
    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa")
    link = create_invitation(page, base, patient_id, role="Viewer")

    vera = new_page()
    accept_invitation_as_new_person(vera, base, link, new_person("Vera"), "Rosa")

    # Today, Log and Progress, through the bottom tabs.
    tabs = vera.get_by_role("navigation", name="Main")
    for tab, heading in (("Log", "Log"), ("Progress", "Progress"), ("Today", "Today")):
        click_and_wait(vera, tabs.get_by_role("link", name=tab))
        expect(vera.get_by_role("heading", level=1)).to_contain_text(heading)
        expect(vera.get_by_role("heading", level=1)).to_contain_text("Rosa")
        check_a11y(vera)

    # The profile: readable, with no edit or delete.
    visit(vera, f"{base}/p/{patient_id}/profile/")
    expect(vera.get_by_role("heading", level=1)).to_have_text("Rosa")
    expect(vera.get_by_text("Your role: Viewer")).to_be_visible()
    expect(vera.get_by_role("link", name="Edit profile")).to_have_count(0)
    expect(vera.get_by_role("link", name="Delete profile")).to_have_count(0)

    # The circle: members listed, but no invite, role or remove controls.
    visit(vera, f"{base}/p/{patient_id}/circle/")
    expect(vera.get_by_role("heading", level=1)).to_have_text("Rosa’s care circle")
    expect(vera.locator("li.member").filter(has_text="Olivia")).to_contain_text("Owner")
    expect(vera.locator("li.member").filter(has_text="Vera")).to_contain_text("Viewer")
    expect(vera.get_by_role("heading", name="Invite someone")).to_have_count(0)
    expect(vera.get_by_role("button", name="Create invitation link")).to_have_count(0)
    expect(vera.get_by_role("combobox")).to_have_count(0)
    expect(vera.get_by_role("button", name="Change role")).to_have_count(0)
    expect(vera.get_by_role("button", name=re.compile(r"^Remove"))).to_have_count(0)
    expect(vera.get_by_role("button", name="Cancel this invitation")).to_have_count(0)

    # Going straight to the owner's pages: "Not allowed".
    for path in ("profile/edit", "profile/delete"):
        visit(vera, f"{base}/p/{patient_id}/{path}/", status=403)
        expect(vera.get_by_role("heading", level=1)).to_have_text("Not allowed")
        expect(vera.get_by_role("button", name="Save")).to_have_count(0)


def test_a_stranger_gets_page_not_found_for_someone_elses_patient(page, new_page, live_server):
    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa")

    sam = new_page()
    sign_up(sam, base, new_person("Sam"))
    create_patient(sam, base, name="Other patient")
    for path in ("today", "profile", "circle"):
        visit(sam, f"{base}/p/{patient_id}/{path}/", status=404)
        expect(sam.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(sam.get_by_role("main")).not_to_contain_text("Rosa")
        expect(sam.locator("header")).not_to_contain_text("Rosa")
