"""Weight, calves and meals at the bedside: numbers in the member's own units, the weight-loss
alert, and the calm word about coughing at meals. Axe checks every page."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.circle import make_circle, user_of
from tests.browser.conftest import check_a11y, click_and_wait, field, log_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Numbers are wrapped in Unicode isolates (so they keep their order in right-to-left text).
ISO = "[\u2068\u2069]?"


def shown(text):
    """A regex for this text, allowing the isolates around values such as "61.0 kg"."""
    return re.compile(ISO + ISO.join(r"\s+" if char == " " else re.escape(char) for char in text) + ISO)


def open_log(page, base, patient_id, kind_label):
    visit(page, f"{base}/p/{patient_id}/today/")
    click_and_wait(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Log"))
    check_a11y(page)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name=kind_label, exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text(kind_label)
    check_a11y(page)


def timeline_entry(page, base, patient_id, text):
    visit(page, f"{base}/p/{patient_id}/timeline/")
    return page.get_by_role("listitem").filter(has_text=text)


def test_weight_and_calves_in_metric_then_in_pounds_and_inches_with_the_weight_loss_alert(page, live_server):
    from core.measurements.models import Measurement

    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"))
    # Three weeks ago she weighed 65 kg (on the bed scale).
    Measurement.objects.create(patient_id=patient_id, recorded_by=user_of(people["Olivia"]),
                               occurred_at=timezone.now() - timedelta(days=21), weight_kg=Decimal("65.00"),
                               weight_method="bed_scale")

    log_in(page, base, people["Carlos"])
    open_log(page, base, patient_id, "Weight and measurements")
    expect(page.get_by_text("Numbers in kilograms (kg) and centimetres (cm).")).to_be_visible()
    field(page, "Weight (kg)").fill("61")
    expect(page.get_by_role("group", name=re.compile(r"^How it was weighed", re.I)).get_by_role(
        "radio", name="Bed scale")).to_be_checked()  # as last time
    field(page, "Left calf (cm)").fill("31.5")
    field(page, "Right calf (cm)").fill("32")
    submit(page, "Save")

    # 61 kg is 6.2 % under the 65 kg of three weeks ago: more than 5 % in a month.
    expect(page.get_by_role("status")).to_contain_text("Saved: Weight and measurements.")
    main = page.get_by_role("main")
    expect(main).to_contain_text(shown("61.0 kg · 134.5 lb"))
    expect(main).to_contain_text(shown("31.5 cm · 12.4 in"))
    expect(main).to_contain_text(shown("32.0 cm · 12.6 in"))
    alert = main.locator(".alert").filter(has_text="Weight is down")
    expect(alert).to_have_text(shown(
        "Weight is down 6.2 % in a month — this can matter; tell the clinician or dietitian. "
        "How to: Food, drink and swallowing"))
    check_a11y(page)
    entry_url = page.url

    entry = timeline_entry(page, base, patient_id, "Measured:")
    expect(entry).to_have_count(2)
    newest = entry.first
    expect(newest).to_contain_text(shown("weight 61.0 kg"))
    expect(newest).to_contain_text(shown("left calf 31.5 cm, right calf 32.0 cm"))
    expect(newest).to_contain_text(shown("weight down 6.2 % in a month"))
    check_a11y(page)

    # Carlos prefers pounds and inches: "Change units" on the form, and back.
    open_log(page, base, patient_id, "Weight and measurements")
    click_and_wait(page, page.get_by_role("link", name="Change units"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Units")
    check_a11y(page)
    page.get_by_role("radio", name="Pounds and inches (lb, in)").check()
    submit(page, "Save")
    expect(page.get_by_role("status")).to_contain_text("Measurements are now shown in Pounds and inches (lb, in).")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Weight and measurements")
    expect(page.get_by_text("Numbers in pounds (lb) and inches (in).")).to_be_visible()
    expect(field(page, "Weight (lb)")).to_be_visible()
    expect(field(page, "Left calf (in)")).to_be_visible()
    expect(field(page, "Right calf (in)")).to_be_visible()
    check_a11y(page)

    newest = timeline_entry(page, base, patient_id, "Measured:").first
    expect(newest).to_contain_text(shown("weight 134.5 lb"))
    expect(newest).to_contain_text(shown("left calf 12.4 in, right calf 12.6 in"))
    expect(newest).not_to_contain_text(" kg")
    check_a11y(page)
    visit(page, entry_url)
    # The entry page shows both units, the reader's own first.
    expect(page.get_by_role("main")).to_contain_text(shown("134.5 lb · 61.0 kg"))

    # A weight typed in pounds is kept as typed.
    open_log(page, base, patient_id, "Weight and measurements")
    field(page, "Weight (lb)").fill("130")
    submit(page, "Save")
    expect(page.get_by_role("main")).to_contain_text(shown("130.0 lb · 59.0 kg"))
    check_a11y(page)
    assert Measurement.objects.order_by("-created_at").first().weight_kg == Decimal("58.97")
    newest = timeline_entry(page, base, patient_id, "Measured:").first
    expect(newest).to_contain_text(shown("weight 130.0 lb"))


def test_a_meal_with_coughing_or_choking_asks_calmly_to_tell_the_clinician_and_links_the_guidance(
        page, live_server):
    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"))
    log_in(page, base, people["Carlos"])
    open_log(page, base, patient_id, "Meal and drinks")
    page.get_by_role("group", name=re.compile(r"^Meal")).get_by_role("radio", name="Lunch").check()
    page.get_by_role("group", name=re.compile(r"^How much was eaten", re.I)).get_by_role(
        "radio", name="About half").check()
    field(page, "Drinks (ml)").fill("200")
    field(page, "Coughed or choked when swallowing").check()
    submit(page, "Save")

    expect(page.get_by_role("status")).to_contain_text("Saved: Meal and drinks.")
    message = page.get_by_role("main").locator(".alert").filter(has_text="Coughing or choking")
    expect(message).to_contain_text(
        "Coughing or choking when swallowing was noted. Please tell the clinician: "
        "they can check how swallowing is going.")
    check_a11y(page)
    entry_url = page.url

    click_and_wait(page, message.get_by_role("link", name="How to: Food, drink and swallowing"))
    expect(page).to_have_url(f"{base}/guidance/nutrition-swallowing/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Food, drink and swallowing")
    check_a11y(page)

    entry = timeline_entry(page, base, patient_id, "Lunch:")
    expect(entry).to_contain_text("Lunch: ate about half · 200 ml to drink · coughed or choked when swallowing")
    check_a11y(page)
    click_and_wait(page, entry.get_by_role("link", name="Details"))
    assert page.url == entry_url
    check_a11y(page)
