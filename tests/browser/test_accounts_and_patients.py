"""Signing up, creating a patient, bad input, logging out."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    click_and_wait,
    check_a11y,
    create_patient,
    expect_field_error,
    field,
    fill_login_form,
    fill_patient_form,
    fill_signup_form,
    log_in,
    new_person,
    open_account_menu,
    open_patient_switcher,
    sign_up,
    submit,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_member_signs_up_and_creates_a_patient_who_appears_everywhere(page, live_server):
    olivia = new_person("Olivia")
    sign_up(page, live_server.url, olivia)

    # With no patient yet, the app opens on an empty "My patients" page.
    expect(page.get_by_role("heading", level=1)).to_have_text("My patients")
    click_and_wait(page, page.get_by_role("link", name="Add a patient"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a patient")
    check_a11y(page)

    fill_patient_form(page, name="Rosa", year=1941, mobility="Walks with help",
                      time_zone="Europe/Madrid")

    # The care circle page, with the owner in it.
    expect(page).to_have_url(re.compile(r"/p/[0-9a-f-]{36}/circle/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa’s care circle")
    expect(page.get_by_role("status")).to_contain_text("Rosa’s profile is ready.")
    expect(page.locator(".members")).to_contain_text("Olivia")
    check_a11y(page)

    # The patient switcher lists Rosa as the current patient.
    open_patient_switcher(page, "Rosa")
    expect(page.get_by_text("My patients", exact=True)).to_be_visible()
    switcher_rosa = page.get_by_role("link", name="Rosa", exact=True)
    expect(switcher_rosa).to_be_visible()
    expect(switcher_rosa).to_have_attribute("aria-current", "true")
    check_a11y(page)

    # "My patients" lists Rosa, with the member's role.
    click_and_wait(page, page.get_by_role("link", name="All my patients"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My patients")
    rosa_card = page.get_by_role("main").get_by_role("link", name=re.compile(r"^Rosa\b"))
    expect(rosa_card).to_contain_text("Owner")
    check_a11y(page)

    # Her Today page carries her name.
    click_and_wait(page, rosa_card)
    expect(page).to_have_url(re.compile(r"/p/[0-9a-f-]{36}/today/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rosa")
    tabs = page.get_by_role("navigation", name="Main")
    expect(tabs.get_by_role("link", name="Today")).to_have_attribute("aria-current", "page")
    check_a11y(page)

    # The profile shows what was entered.
    open_account_menu(page)
    click_and_wait(page, page.get_by_role("link", name="Patient profile"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa")
    facts = page.locator("dl")
    expect(facts).to_contain_text("1941")
    expect(facts).to_contain_text("Walks with help")
    expect(facts).to_contain_text("Europe/Madrid")
    check_a11y(page)


def test_bad_input_shows_errors_next_to_the_fields_and_keeps_what_was_typed(
        page, new_page, live_server, tmp_path):
    from core.patients.models import current_year

    taken = new_person("Olivia")
    sign_up(page, live_server.url, taken)

    # Someone else tries the same e-mail address, with a password that is too short.
    other = new_page()
    visit(other, f"{live_server.url}/accounts/signup/")
    oscar = new_person("Oscar")
    oscar.email = taken.email.upper()  # the same address, typed differently
    response = fill_signup_form(other, oscar, password="short1")
    assert response.status == 200
    assert response.request.method == "POST"
    expect(other.get_by_role("heading", level=1)).to_have_text("Create an account")
    expect_field_error(other, "E-mail address", "An account with this e-mail address already exists.")
    expect_field_error(other, "Password confirmation", "This password is too short.")
    expect(field(other, "E-mail address")).to_have_value(taken.email.upper())
    expect(field(other, "Your name")).to_have_value("Oscar")
    check_a11y(other)

    # A year of birth in the future.
    visit(page, f"{live_server.url}/p/new/")
    field(page, "Name").fill("Rosa")
    field(page, "Year of birth").fill(str(current_year() + 1))
    response = submit(page, "Create profile")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a patient")
    expect_field_error(page, "Year of birth", "The year of birth cannot be in the future.")
    expect(field(page, "Name")).to_have_value("Rosa")
    check_a11y(page)

    # A "photo" that is really text.
    fake = tmp_path / "rosa.jpg"
    fake.write_text("This is not a picture, only some words in a file.\n")
    field(page, "Year of birth").fill("1941")
    field(page, "Photo").set_input_files(fake)
    response = submit(page, "Create profile")
    assert response.status == 200, f"uploading a text file answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a patient")
    expect(page.get_by_text("Something went wrong")).to_have_count(0)
    expect_field_error(page, "Photo", "This file is not a photo we can read.")
    expect(field(page, "Name")).to_have_value("Rosa")
    expect(field(page, "Year of birth")).to_have_value("1941")
    check_a11y(page)


def test_logging_out_from_the_account_menu_returns_to_login_and_locks_the_patient_pages(
        page, live_server):
    olivia = new_person("Olivia")
    sign_up(page, live_server.url, olivia)
    patient_id = create_patient(page, live_server.url, name="Rosa")
    today = f"{live_server.url}/p/{patient_id}/today/"
    visit(page, today)

    open_account_menu(page)
    expect(page.get_by_text(olivia.name, exact=True)).to_be_visible()
    click_and_wait(page, page.get_by_role("button", name="Log out"))
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_text("Account menu")).to_have_count(0)
    check_a11y(page)

    for path in ("today", "profile", "circle"):
        visit(page, f"{live_server.url}/p/{patient_id}/{path}/")
        expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/p/{patient_id}/{path}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
        expect(page.get_by_text("Rosa")).to_have_count(0)

    # Logging in again from there goes back where they were heading.
    fill_login_form(page, olivia)
    expect(page).to_have_url(f"{live_server.url}/p/{patient_id}/circle/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa’s care circle")

    # After logging out, the next login starts afresh on the app's start page.
    open_account_menu(page)
    click_and_wait(page, page.get_by_role("button", name="Log out"))
    log_in(page, live_server.url, olivia)
    expect(page).to_have_url(f"{live_server.url}/p/{patient_id}/today/")


def test_too_many_wrong_passwords_pause_that_email_and_offer_a_new_password(page, live_server, settings):
    settings.AXES_FAILURE_LIMIT = 3  # the real limit is 10; the journey is the same
    olivia = new_person("Olivia")
    sign_up(page, live_server.url, olivia)
    open_account_menu(page)
    click_and_wait(page, page.get_by_role("button", name="Log out"))

    visit(page, live_server.url + "/accounts/login/")
    for attempt in range(3):
        field(page, "E-mail address").fill(olivia.email)
        field(page, "Password").fill(f"not my password {attempt}")
        response = click_and_wait(page, page.get_by_role("button", name="Log in"))
        if attempt < 2:
            # Each wrong try keeps the e-mail and says so next to the form.
            expect(page.get_by_text("do not match")).to_be_visible()
            expect(field(page, "E-mail address")).to_have_value(olivia.email)
    assert response.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many tries")
    expect(page.get_by_role("alert")).to_contain_text("paused for 15 minutes")
    check_a11y(page)

    # The way out: a new password by e-mail.
    click_and_wait(page, page.get_by_role("link", name="Set a new password"))
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/$"))
    check_a11y(page)
