"""Browser journeys: Debian's Chromium, driven by Playwright, against a live server.

Everything a person does here goes through the real pages and forms (sign up,
log in, create a patient, invite) so the tests also prove the labels, links and
buttons are right. Every page a test visits is checked with axe.
"""

import os
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + ORM in one test

PASSWORD = "a long bedside passphrase 7"

_axe = Axe()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A phone, in English, in a fixed time zone: the same run on every machine.
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
        "locale": "en-US",
        "timezone_id": "Europe/Madrid",
    }


# No test waits for long: a live server on this machine answers in well under a second.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(autouse=True)
def _short_timeouts(context):
    context.set_default_timeout(TIMEOUT_MS)


@pytest.fixture
def new_page(new_context):
    """new_page() -> a page in a fresh browser context: another person on another phone."""

    def make():
        ctx = new_context()
        ctx.set_default_timeout(TIMEOUT_MS)
        return ctx.new_page()

    return make


# --- Accessibility -----------------------------------------------------------

def check_a11y(page: Page):
    """Run axe on the page as it is now; fail with axe's report if anything is wrong."""
    page.wait_for_load_state("load")
    results = _axe.run(page)
    if results.violations_count:
        print(f"axe violations on {page.url}:\n{results.generate_report()}")
    assert results.violations_count == 0, f"accessibility violations on {page.url} (report above)"


def visit(page: Page, url: str, *, status: int = 200):
    """Open a URL, check the final status, run axe; return the response."""
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    assert response.status == status, f"{url} answered {response.status}, expected {status}"
    check_a11y(page)
    return response


# --- People ------------------------------------------------------------------

@dataclass
class Person:
    email: str
    name: str
    password: str = PASSWORD


_counter = {"n": 0}


def new_person(name: str) -> Person:
    _counter["n"] += 1
    return Person(email=f"{name.lower()}.{_counter['n']}@example.org", name=name)


def click_and_wait(page: Page, target):
    """Click something that loads a new page; wait for it to load; return its response.

    Waiting on the navigation itself (not on the URL) also covers forms that
    come back to the same URL with errors.
    """
    with page.expect_navigation() as navigation:
        target.click()
    return navigation.value


def field(page: Page, label: str):
    """The form control whose label is exactly ``label`` (Django adds a colon to labels)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def fill_signup_form(page: Page, person: Person, *, password: str | None = None,
                     confirmation: str | None = None):
    password = person.password if password is None else password
    field(page, "E-mail address").fill(person.email)
    field(page, "Your name").fill(person.name)
    field(page, "Password").fill(password)
    field(page, "Password confirmation").fill(password if confirmation is None else confirmation)
    return click_and_wait(page, page.get_by_role("button", name="Create account"))


def sign_up(page: Page, base_url: str, person: Person):
    """Create an account through the sign-up form; the person is then logged in."""
    visit(page, urljoin(base_url, "/accounts/signup/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    fill_signup_form(page, person)
    expect(page.get_by_text(f"Welcome to Tend, {person.name}.")).to_be_visible()
    check_a11y(page)


def log_in(page: Page, base_url: str, person: Person):
    visit(page, urljoin(base_url, "/accounts/login/"))
    fill_login_form(page, person)


def fill_login_form(page: Page, person: Person):
    field(page, "E-mail address").fill(person.email)
    field(page, "Password").fill(person.password)
    click_and_wait(page, page.get_by_role("button", name="Log in"))
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    check_a11y(page)


def open_account_menu(page: Page):
    """The account menu is a <details>: its summary is named by a visually hidden text."""
    page.locator("summary").filter(has_text="Account menu").click()


def open_patient_switcher(page: Page, patient_name: str):
    page.locator("summary").filter(has_text=f"Patient: {patient_name}").click()


def fill_patient_form(page: Page, *, name: str, year: int | str | None = None,
                      mobility: str | None = None, time_zone: str | None = None,
                      photo: str | None = None, submit: str = "Create profile"):
    field(page, "Name").fill(name)
    if year is not None:
        field(page, "Year of birth").fill(str(year))
    if mobility is not None:
        page.get_by_role("group", name="Usual mobility").get_by_role("radio", name=mobility).check()
    if time_zone is not None:
        field(page, "Patient’s time zone").select_option(time_zone)
    if photo is not None:
        field(page, "Photo").set_input_files(photo)
    return click_and_wait(page, page.get_by_role("button", name=submit))


def create_patient(page: Page, base_url: str, *, name: str, year: int = 1941,
                   mobility: str = "Bed to chair", time_zone: str = "Europe/Madrid",
                   photo: str | None = None) -> str:
    """Create a patient through the form; return its id. Ends on the care circle page."""
    visit(page, urljoin(base_url, "/p/new/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a patient")
    fill_patient_form(page, name=name, year=year, mobility=mobility, time_zone=time_zone,
                      photo=photo)
    expect(page).to_have_url(re.compile(r"/p/[0-9a-f-]{36}/circle/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{name}’s care circle")
    check_a11y(page)
    return patient_id_from(page.url)


def create_invitation(page: Page, base_url: str, patient_id: str, role: str = "Caregiver",
                      note: str = "") -> str:
    """As an owner, make an invitation link on the care circle page; return the link."""
    visit(page, urljoin(base_url, f"/p/{patient_id}/circle/"))
    page.get_by_role("group", name="Role").get_by_role("radio", name=role, exact=True).check()
    if note:
        field(page, "For whom").fill(note)
    click_and_wait(page, page.get_by_role("button", name="Create invitation link"))
    link = field(page, "Link")
    expect(link).to_have_value(re.compile(r"/invite/[^/]+/$"))
    check_a11y(page)
    return link.input_value()


def accept_invitation_as_new_person(page: Page, base_url: str, link: str, person: Person,
                                    patient_name: str):
    """A newcomer opens an invitation link, creates an account, comes back and joins."""
    visit(page, link)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Join {patient_name}’s care circle")
    expect(page.get_by_text("Create an account or log in to accept.")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    expect(page.get_by_role("button", name="Join")).to_have_count(0)
    click_and_wait(page, page.get_by_role("link", name="Create an account"))
    expect(page).to_have_url(re.compile(r"/accounts/signup/\?next=/invite/"))
    check_a11y(page)
    fill_signup_form(page, person)
    # Back on the invitation, now signed in.
    expect(page).to_have_url(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Join {patient_name}’s care circle")
    check_a11y(page)
    click_and_wait(page, page.get_by_role("button", name="Join"))
    expect(page).to_have_url(re.compile(r"/p/[0-9a-f-]{36}/today/$"))
    expect(page.get_by_text(f"You joined {patient_name}’s care circle.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(patient_name)
    check_a11y(page)


# --- Forms ---------------------------------------------------------------------

def expect_field_error(page: Page, label: str, message: str):
    """The error is shown in the field's own block and announced with the field."""
    control = field(page, label)
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_have_accessible_description(re.compile(re.escape(message)))
    expect(control.locator("xpath=..")).to_contain_text(message)


def submit(page: Page, button: str):
    """Click a form's submit button; return the response of the page it loads."""
    return click_and_wait(page, page.get_by_role("button", name=button))


def patient_id_from(url: str) -> str:
    return re.search(r"/p/([0-9a-f-]{36})/", url).group(1)
