"""Risk and strength checks at the bedside: Braden with its band and the turning guideline,
the MRC strength grades, the chair stand compared with the table for age and sex, the Up and
Go, and SARC-F. Scores are worked out for the family, never typed. Axe checks every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.circle import make_circle
from tests.browser.conftest import check_a11y, click_and_wait, field, log_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_log(page, base, patient_id, kind_label):
    visit(page, f"{base}/p/{patient_id}/log/")
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name=kind_label, exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text(kind_label)
    check_a11y(page)


def question(page, name):
    """A scale item: a group of radios, named by the item and its question."""
    return page.get_by_role("group", name=re.compile(rf"^{re.escape(name)}\b"))


def answer(page, name, score, level):
    question(page, name).get_by_role("radio", name=re.compile(rf"^{score} {re.escape(level)}\b")).check()


BRADEN_ANSWERS = [  # total 11: high risk; "Bedfast" is at the lowest level
    ("Sensory perception", 2, "Very limited"),
    ("Moisture", 2, "Very moist"),
    ("Activity", 1, "Bedfast"),
    ("Mobility", 2, "Very limited"),
    ("Nutrition", 2, "Probably inadequate"),
    ("Friction and shear", 2, "Potential problem"),
]


def test_braden_gives_the_total_the_risk_band_and_the_turning_guideline_and_asks_for_a_missed_answer(
        page, live_server):
    base = live_server.url
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"))
    log_in(page, base, people["Carlos"])
    open_log(page, base, patient_id, "Bedsore risk (Braden)")
    expect(page.get_by_role("link", name=re.compile(r"^How to: "))).to_be_visible()

    # Nutrition is forgotten: the form says so there, and keeps the five answers given.
    for name, score, level in BRADEN_ANSWERS:
        if name != "Nutrition":
            answer(page, name, score, level)
    response = submit(page, "Save")
    assert response.status == 200 and response.request.method == "POST"
    nutrition = question(page, "Nutrition")
    expect(nutrition).to_contain_text("Choose one answer.")
    expect(nutrition).to_have_accessible_description(re.compile(r"Choose one answer\."))
    for radio in nutrition.get_by_role("radio").all():
        expect(radio).to_have_attribute("aria-invalid", "true")
        expect(radio).not_to_be_checked()
    for name, score, level in BRADEN_ANSWERS:
        if name != "Nutrition":
            expect(question(page, name)).not_to_contain_text("Choose one answer.")
            expect(question(page, name).get_by_role(
                "radio", name=re.compile(rf"^{score} {re.escape(level)}\b"))).to_be_checked()
    check_a11y(page)

    answer(page, "Nutrition", 2, "Probably inadequate")
    submit(page, "Save")
    expect(page.get_by_role("status")).to_contain_text("Saved: Bedsore risk (Braden).")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Braden 11 — high risk")
    expect(main).to_contain_text(
        "Banding: 19–23 no risk, 15–18 at risk, 13–14 moderate, 10–12 high, 9 or less very high.")
    expect(main).to_contain_text("A lower score means a higher risk.")
    expect(main).to_contain_text("Lowest answers, worth acting on even when the total looks fine: Activity (bedfast).")
    expect(main).to_contain_text(
        "Guidelines: turn at least every 4 hours at high risk; many families start at every 2 hours.")
    expect(main).to_contain_text("This is not a prescription: agree the interval with a nurse or doctor.")
    expect(main).to_contain_text("2 · Very limited")
    check_a11y(page)

    click_and_wait(page, page.get_by_role("link", name="Turning schedule in the care plan"))
    expect(page).to_have_url(f"{base}/p/{patient_id}/plan/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Care plan")
    check_a11y(page)

    visit(page, f"{base}/p/{patient_id}/timeline/")
    expect(page.get_by_role("listitem").filter(has_text="Bedsore risk (Braden)")).to_contain_text(
        "Bedsore risk (Braden): 11 — high risk")


MRC_GROUPS = ["Shoulder: lift the arm out to the side", "Elbow: bend", "Wrist: lift the back of the hand",
              "Hip: lift the thigh", "Knee: straighten the leg", "Ankle: pull the foot up"]


def test_strength_grades_chair_stand_and_up_and_go_are_scored_and_sarc_f_of_4_is_flagged(page, live_server):
    from core.assessments import scales
    from core.patients.models import current_year

    base = live_server.url
    born = current_year() - 80
    patient_id, people = make_circle(("Olivia", "owner"), ("Carlos", "caregiver"),
                                     year_of_birth=born, sex="female")
    youngest, oldest, threshold = scales.chair_stand_threshold(80, "female")
    log_in(page, base, people["Carlos"])
    open_log(page, base, patient_id, "Strength and walking check")

    # All twelve muscle groups: 4 on the left, 3 on the right (sum 42).
    for group in MRC_GROUPS:
        field(page, f"{group} · Left").select_option("4")
        field(page, f"{group} · Right").select_option("3")
    field(page, "Number of stands").fill(str(threshold - 2))
    field(page, "Time in seconds").fill("12")
    submit(page, "Save")

    expect(page.get_by_role("status")).to_contain_text("Saved: Strength and walking check.")
    main = page.get_by_role("main")
    grid = main.get_by_role("table")
    expect(grid.get_by_role("row", name=re.compile(r"^Knee: straighten the leg"))).to_have_text(
        re.compile(r"Knee: straighten the leg\s*4\s*3"))
    expect(main).to_contain_text("MRC sum score 42 of 60")
    expect(main).to_contain_text("Below 48: the ICU-acquired weakness threshold — discuss with a clinician.")
    expect(main).to_contain_text("Lay-rated: graded by family or a carer, not by a clinician.")
    expect(main).to_contain_text(f"{threshold - 2} stands in 30 seconds")
    expect(main).to_contain_text(
        f"Below {threshold}, the value for women aged {youngest}–{oldest}: suggests a higher risk of falls.")
    expect(main).to_contain_text("Age 80, worked out from the year of birth.")
    expect(main).to_contain_text("12.0 seconds")
    expect(main).to_contain_text("12 seconds or more: suggests a risk of falls. Talk to a clinician.")
    check_a11y(page)

    # SARC-F: some difficulty lifting, walking and rising, none with stairs; two falls (scores 1).
    open_log(page, base, patient_id, "Muscle loss questions (SARC-F)")
    answer(page, "Lifting and carrying", 1, "Some")
    answer(page, "Walking across a room", 1, "Some")
    answer(page, "Getting up from a chair or bed", 1, "Some")
    answer(page, "Climbing stairs", 0, "None")
    field(page, "Falls in the past year").fill("2")
    submit(page, "Save")
    expect(page.get_by_role("status")).to_contain_text("Saved: Muscle loss questions (SARC-F).")
    main = page.get_by_role("main")
    expect(main).to_contain_text("SARC-F 4 of 10")
    expect(main).to_contain_text(
        "4 or more: sarcopenia (loss of muscle strength and mass) is likely. Talk to a clinician.")
    expect(main).to_contain_text("2 → scores 1")
    check_a11y(page)

    visit(page, f"{base}/p/{patient_id}/timeline/")
    check = page.get_by_role("listitem").filter(has_text="Strength and walking check:")
    expect(check).to_contain_text("MRC 42 of 60 (below 48)")
    expect(check).to_contain_text(f"chair stand {threshold - 2} (below {threshold})")
    expect(check).to_contain_text("Up and Go 12.0 s (fall risk)")
    expect(page.get_by_role("listitem").filter(has_text="Muscle loss questions (SARC-F):")).to_contain_text(
        "4 of 10 · sarcopenia likely")
