"""Installable and usable with no signal: the manifest, its icons, the service worker."""

import io
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import check_a11y, create_patient, new_person, sign_up, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manifest_describes_an_installable_app_with_real_icons(page, live_server):
    base = live_server.url
    visit(page, f"{base}/accounts/login/")
    manifest_href = page.locator("link[rel=manifest]").evaluate("link => link.href")
    assert manifest_href == f"{base}/manifest.json"

    response = page.request.get(manifest_href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    manifest = response.json()  # parses
    for key in ("name", "short_name", "start_url", "scope"):
        assert manifest.get(key), f"manifest has no {key}"
    assert manifest["display"] == "standalone"
    start, scope = urljoin(manifest_href, manifest["start_url"]), urljoin(manifest_href, manifest["scope"])
    assert urlsplit(start).netloc == urlsplit(base).netloc
    assert start.startswith(scope), "start_url is outside the scope"

    icons = manifest["icons"]
    sizes = {icon["sizes"] for icon in icons}
    assert {"192x192", "512x512"} <= sizes
    assert any("maskable" in icon.get("purpose", "").split() for icon in icons)
    for icon in icons:
        fetched = page.request.get(urljoin(manifest_href, icon["src"]))
        assert fetched.status == 200, icon["src"]
        assert fetched.headers["content-type"] == "image/png", icon["src"]
        with Image.open(io.BytesIO(fetched.body())) as image:
            assert image.format == "PNG", icon["src"]
            width, height = (int(n) for n in icon["sizes"].split("x"))
            assert image.size == (width, height), f"{icon['src']} is {image.size}, not {icon['sizes']}"


def test_the_service_worker_takes_control_and_shows_the_offline_page_with_no_signal(
        page, context, live_server):
    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa")
    visit(page, f"{base}/p/{patient_id}/today/")

    # Wait until the worker is installed and active (it precaches the offline page first).
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{base}/"
    page.reload()
    check_a11y(page)
    assert page.evaluate("navigator.serviceWorker.controller !== null"), \
        "no service worker controls the page after a reload"
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == f"{base}/serviceworker.js"

    context.set_offline(True)
    for never_visited in ("/accounts/settings/", f"/p/{patient_id}/progress/"):
        response = page.goto(f"{base}{never_visited}")
        assert response is not None
        assert response.from_service_worker, f"{never_visited} did not come from the service worker"
        expect(page.get_by_role("heading", level=1)).to_have_text("No connection")
        expect(page.get_by_text("This phone is offline, so this page cannot be loaded right now.")
               ).to_be_visible()
        check_a11y(page)
    # The patient's own records were never written to the cache.
    cached = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) { urls.push(request.url); }
        }
        return urls;
    }""")
    assert cached, "the service worker cached nothing"
    assert not [url for url in cached if "/p/" in url], f"patient pages in the cache: {cached}"
