"""Each member reads Tend in their own language; Arabic is laid out right to left.

Translations are checked by attributes and layout, not by their wording, so the
texts can change without breaking these tests.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    click_and_wait,
    check_a11y,
    create_patient,
    field,
    new_person,
    open_account_menu,
    sign_up,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def bottom_tabs(page):
    """The bottom navigation's links, found by place rather than by (translated) name."""
    return page.locator("nav.tabs").get_by_role("link")


def first_and_last_tab_boxes(page, patient_id):
    tabs = bottom_tabs(page)
    expect(tabs).to_have_count(4)
    expect(tabs.first).to_have_attribute("href", f"/p/{patient_id}/today/")  # "Today"
    expect(tabs.last).to_have_attribute("href", "/guidance/")
    return tabs.first.bounding_box(), tabs.last.bounding_box()


def test_a_member_who_chooses_arabic_gets_right_to_left_pages(page, live_server):
    base = live_server.url
    sign_up(page, base, new_person("Amal"))
    patient_id = create_patient(page, base, name="Rosa")
    today = f"{base}/p/{patient_id}/today/"

    # In English, "Today" is the leftmost tab.
    visit(page, today)
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    first, last = first_and_last_tab_boxes(page, patient_id)
    assert first["x"] < last["x"]

    open_account_menu(page)
    click_and_wait(page, page.get_by_role("link", name="Language and settings"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Language and settings")
    check_a11y(page)
    field(page, "Language").select_option("ar")
    click_and_wait(page, page.get_by_role("button", name="Save"))

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    check_a11y(page)

    for path in ("today", "profile", "circle"):
        visit(page, f"{base}/p/{patient_id}/{path}/")
        expect(html).to_have_attribute("lang", "ar")
        expect(html).to_have_attribute("dir", "rtl")
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    # The bottom tabs are mirrored: "Today" (first) sits at the right, the last tab at the left.
    visit(page, today)
    first, last = first_and_last_tab_boxes(page, patient_id)
    assert first["x"] > last["x"], f"first tab at x={first['x']}, last tab at x={last['x']}"
    assert first["x"] + first["width"] == pytest.approx(page.viewport_size["width"], abs=1)


def test_a_visitor_switches_the_login_page_to_spanish_with_the_footer_switcher(page, live_server):
    visit(page, f"{live_server.url}/accounts/login/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")
    heading = page.get_by_role("heading", level=1)
    english = heading.inner_text()
    assert english == "Log in"

    footer = page.get_by_role("contentinfo")
    field(footer, "Language").select_option("es")
    click_and_wait(page, footer.get_by_role("button", name="Change"))

    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(html).to_have_attribute("lang", "es")
    expect(html).to_have_attribute("dir", "ltr")
    check_a11y(page)
    expect(heading).not_to_have_text(english)
    expect(footer.get_by_role("combobox")).to_have_value("es")
