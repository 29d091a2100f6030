"""Guidance at the bedside with no signal: an article read once opens again offline, with its
pictures, and the red flags are one tap away from Today even offline."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_a11y, click_and_wait, create_patient, new_person, sign_up, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_for_service_worker(page):
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_an_article_read_once_can_be_read_again_with_no_signal(page, context, live_server):
    base = live_server.url
    visit(page, f"{base}/guidance/")
    wait_for_service_worker(page)
    click_and_wait(page, page.get_by_role("link", name="Shoulder movements"))
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Shoulder movements")
    alt = page.locator("article img").first.get_attribute("alt")
    assert alt and len(alt) > 15
    # Pictures are kept in the background after the page is shown.
    page.wait_for_function(
        "caches.open('tend-shell-v1').then(c => c.keys()).then(k => k.some(r => r.url.includes('shoulder-flexion')))")

    context.set_offline(True)
    response = page.goto(f"{base}/guidance/prom-shoulder/")
    assert response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_have_text("Shoulder movements")
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    # Every picture loads from the phone's cache (lazy ones too, once scrolled to).
    page.evaluate("document.querySelectorAll('article img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("[...document.querySelectorAll('article img')].every(i => i.complete && i.naturalWidth > 0)")
    check_a11y(page)
    # An article never opened is not there; the offline page says so instead of the browser's error.
    page.goto(f"{base}/guidance/faq/")
    expect(page.get_by_role("heading", level=1)).to_have_text("No connection")


def test_the_red_flags_open_offline_from_the_today_page(page, context, live_server):
    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa")
    visit(page, f"{base}/p/{patient_id}/today/")
    wait_for_service_worker(page)
    # The red flags were kept when the app was installed, without ever being opened.
    page.wait_for_function(
        "caches.match('/guidance/red-flags/').then(r => r !== undefined)")
    context.set_offline(True)
    with page.expect_navigation():
        page.get_by_role("link", name="When to call").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("When to call for help")
    expect(page.get_by_text("emergency", exact=False).first).to_be_visible()
    check_a11y(page)
