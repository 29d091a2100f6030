"""At the bedside on a phone: tap the heel on the body map, record a stage 2 with a photo,
see "contact your clinician", compare the photos of that heel. Axe checks every page."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from conftest import PASSWORD
from core.skin.models import Finding
from tests.browser.conftest import check_a11y

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caregiver_records_a_heel_sore_with_a_photo_from_the_body_map(page, live_server, circle, tmp_path):
    base = live_server.url
    photo = tmp_path / "IMG_0042.jpg"
    Image.new("RGB", (640, 480), (190, 80, 80)).save(photo, "JPEG")

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(circle.caregiver.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"{base}/p/{circle.patient.pk}/skin/new/")
    expect(page.get_by_role("button", name="All clear")).to_be_visible()
    check_a11y(page)

    # The right heel is drawn on the back view; tapping it preselects the place, without JavaScript help.
    page.locator('svg a[aria-label="Heel, right"]').tap()
    page.wait_for_url("**site=heel&side=right**")
    expect(page.get_by_label("Where:", exact=True)).to_have_value("heel")
    expect(page.get_by_role("group", name="Side").get_by_role("radio", name="Right")).to_be_checked()
    check_a11y(page)

    page.get_by_role("group", name="What it looks like").get_by_role("radio", name="Stage 2").check()
    page.get_by_label("Photos").set_input_files(str(photo))
    with page.expect_navigation():
        page.get_by_role("button", name="Save finding").click()

    expect(page.get_by_role("heading", name="Contact your clinician")).to_be_visible()
    image = page.get_by_role("img", name="Photo 1 of Heel, right")
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()
    # Loading takes a moment after the element is visible: wait for the pixels, do not race them.
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    check_a11y(page)
    assert Finding.objects.get().photos.count() == 1

    page.get_by_role("link", name="Heel, right", exact=True).click()
    expect(page.get_by_role("heading", name="Photos over time")).to_be_visible()
    check_a11y(page)
