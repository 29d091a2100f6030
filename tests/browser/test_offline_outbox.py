"""No signal at the bedside: a logged turn waits on the phone and is sent, once, when the signal is back."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_a11y, create_patient, new_person, sign_up, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_turn_logged_offline_is_sent_once_when_back_online(page, context, live_server):
    from core.logs.models import Repositioning

    base = live_server.url
    sign_up(page, base, new_person("Olivia"))
    patient_id = create_patient(page, base, name="Rosa")
    visit(page, f"{base}/p/{patient_id}/log/repositioning/new/")
    page.get_by_role("radio", name="Right 30° tilt").check()

    context.set_offline(True)
    page.get_by_role("button", name="Save").click()
    outbox = page.locator("[data-outbox]")
    expect(outbox).to_be_visible()
    expect(outbox).to_contain_text("1")
    check_a11y(page)
    # Tapping Save again while offline queues a copy with the same entry id: still one entry later.
    page.get_by_role("button", name="Save").click()
    expect(outbox).to_contain_text("2")
    assert Repositioning.objects.count() == 0

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(outbox).to_be_hidden()
    assert Repositioning.objects.count() == 1
    assert Repositioning.objects.get().position == "right_tilt_30"
