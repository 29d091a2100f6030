"""A patient photo: shown to the circle, stripped of its location, private to the circle."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import check_a11y, create_patient, new_person, sign_up, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GPS_IFD = 0x8825


def phone_photo(path):
    """A JPEG like a phone makes: with the place it was taken in its EXIF."""
    image = Image.new("RGB", (640, 480), (200, 120, 90))
    for x in range(0, 640, 40):
        image.paste((40, 90, 160), (x, 0, x + 20, 480))
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (40.0, 26.0, 0.0)}
    image.save(path, format="JPEG", exif=exif)
    with Image.open(path) as check:  # the test photo really carries a location
        assert check.getexif().get_ifd(GPS_IFD), "test photo was made without GPS"
    return path


def test_a_patient_photo_is_shown_without_its_location_and_only_to_the_circle(
        page, new_page, live_server, tmp_path):
    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa",
                                photo=str(phone_photo(tmp_path / "IMG_0001.jpg")))

    visit(page, f"{base}/p/{patient_id}/profile/")
    photo = page.get_by_role("img", name="Photo of Rosa")
    expect(photo).to_be_visible()
    photo.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    photo_url = photo.evaluate("img => img.src")
    assert photo_url == f"{base}/p/{patient_id}/photo/"

    # Fetched with the owner's session: a clean JPEG, never kept by a shared cache.
    response = page.request.get(photo_url)
    assert response.status == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert "private" in response.headers.get("cache-control", "")
    with Image.open(io.BytesIO(response.body())) as served:
        assert served.format == "JPEG"
        assert served.size == (640, 480)
        exif = served.getexif()
        assert not exif.get_ifd(GPS_IFD), "the served photo still carries GPS data"
        assert len(exif) == 0, f"the served photo still carries EXIF: {dict(exif)}"

    # Someone outside the circle: not found.
    stranger = new_page()
    sign_up(stranger, base, new_person("Sam"))
    assert stranger.request.get(photo_url).status == 404
    visit(stranger, photo_url, status=404)
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Page not found")

    # Nobody signed in: sent to the login page.
    anonymous = new_page()
    fetched = anonymous.request.get(photo_url, max_redirects=0)
    assert fetched.status == 302
    assert fetched.headers["location"] == f"/accounts/login/?next=/p/{patient_id}/photo/"
    anonymous.goto(photo_url)
    expect(anonymous).to_have_url(f"{base}/accounts/login/?next=/p/{patient_id}/photo/")
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Log in")
    check_a11y(anonymous)
