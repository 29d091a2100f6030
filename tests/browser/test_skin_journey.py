"""Skin checks at the bedside: "All clear" in one tap, then a stage 2 on the right heel chosen on
the body map, with a phone photo. The family is told to contact the clinician; the photo is
served without its location, never to a shared cache, and only to the care circle."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.circle import make_circle, make_person
from tests.browser.conftest import check_a11y, click_and_wait, field, log_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GPS_IFD = 0x8825


def phone_photo(path):
    """A JPEG as a phone makes it: with where it was taken in its EXIF."""
    image = Image.new("RGB", (640, 480), (190, 80, 80))
    image.paste((240, 200, 190), (200, 150, 440, 330))
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (40.0, 26.0, 0.0)}
    image.save(path, format="JPEG", exif=exif)
    with Image.open(path) as check:  # the test photo really carries a location
        assert check.getexif().get_ifd(GPS_IFD), "test photo was made without GPS"
    return str(path)


def open_skin_check(page):
    click_and_wait(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Log"))
    check_a11y(page)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Skin check", exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Skin check")
    check_a11y(page)


def test_a_skin_check_all_clear_then_a_stage_2_heel_with_a_photo_kept_private_to_the_circle(
        page, new_page, live_server, tmp_path):
    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"))
    log_in(page, base, people["Carlos"])
    visit(page, f"{base}/p/{patient_id}/today/")

    # Morning: nothing found. One tap.
    open_skin_check(page)
    click_and_wait(page, page.get_by_role("button", name="All clear"))
    expect(page.get_by_role("status")).to_contain_text("Saved: skin all clear.")
    expect(page.get_by_text("All clear: no red or sore areas.")).to_be_visible()
    check_a11y(page)
    click_and_wait(page, page.get_by_role("link", name="Timeline", exact=True))
    expect(page.get_by_role("listitem").filter(has_text="Skin check: all clear")).to_contain_text("Carlos")
    check_a11y(page)

    # Evening: a sore on the right heel. Tap it on the body map (the back view).
    open_skin_check(page)
    body_map = page.get_by_role("group", name="Body map: tap a place")
    click_and_wait(page, body_map.get_by_role("link", name="Heel, right", exact=True))
    expect(page).to_have_url(re.compile(r"[?&]site=heel&side=right"))
    expect(field(page, "Where")).to_have_value("heel")
    expect(page.get_by_role("group", name="Side").get_by_role("radio", name="Right")).to_be_checked()
    check_a11y(page)
    page.get_by_role("group", name="What it looks like").get_by_role(
        "radio", name=re.compile(r"^Stage 2\b")).check()
    field(page, "Photos").set_input_files(phone_photo(tmp_path / "IMG_2041.jpg"))
    submit(page, "Save finding")

    expect(page.get_by_role("status")).to_contain_text("Saved: Heel, right.")
    clinician = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Contact your clinician"))
    expect(clinician).to_be_visible()
    expect(clinician).to_contain_text("Call the nurse or doctor today.")
    finding = page.locator("article").filter(has=page.get_by_role("heading", name="Heel, right"))
    expect(finding).to_contain_text("Stage 2")
    thumbnail = finding.get_by_role("img", name="Photo 1 of Heel, right")
    expect(thumbnail).to_be_visible()
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    check_a11y(page)
    photo_url = finding.get_by_role("link", name="Photo 1 of Heel, right").evaluate("a => a.href")
    assert re.fullmatch(rf"{re.escape(base)}/p/{patient_id}/skin/photos/\d+/", photo_url), photo_url

    click_and_wait(page, page.get_by_role("link", name="Timeline", exact=True))
    entry = page.get_by_role("listitem").filter(has_text="Skin check: 1 finding")
    expect(entry).to_contain_text("worst: Stage 2")
    expect(entry).to_contain_text("contact your clinician")
    expect(page.get_by_role("listitem").filter(has_text="Skin check: all clear")).to_have_count(1)
    check_a11y(page)

    # The photo, fetched as the phone does: a clean JPEG, private to this browser.
    response = page.request.get(photo_url)
    assert response.status == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert "private" in response.headers.get("cache-control", "")
    with Image.open(io.BytesIO(response.body())) as served:
        assert served.format == "JPEG"
        exif = served.getexif()
        assert not exif.get_ifd(GPS_IFD), "the served photo still carries GPS data"
        assert len(exif) == 0, f"the served photo still carries EXIF: {dict(exif)}"

    # Someone with an account but outside the circle: not found.
    stranger = new_page()
    log_in(stranger, base, make_person("Sam"))
    assert stranger.request.get(photo_url).status == 404
    visit(stranger, photo_url, status=404)
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Page not found")

    # Nobody signed in: the login page, and back to the photo after logging in.
    anonymous = new_page()
    path = photo_url.removeprefix(base)
    fetched = anonymous.request.get(photo_url, max_redirects=0)
    assert fetched.status == 302
    assert fetched.headers["location"] == f"/accounts/login/?next={path}"
    visit(anonymous, photo_url)
    expect(anonymous).to_have_url(f"{base}/accounts/login/?next={path}")
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Log in")
