"""A measurement's and a meal's timeline line, written in Python (core.logs.lines): the text
the summary templates had, with the same messages, in the reader's units."""

import pytest
from django.utils import translation

from core.logs import registry
from core.logs.lines import Line
from core.measurements.display import measurement_summary, nutrition_summary
from core.measurements.models import DisplayPreferences
from core.measurements.units import Units
from core.patients.models import Sex

FLAG = '<span class="flag">'


@pytest.fixture(autouse=True)
def english():
    """A request of an earlier test may leave its language active in this thread."""
    with translation.override("en"):
        yield


def cm(value):
    return f"\u2068{value} cm\u2069"


def measured(data, user="metric", sex=""):
    patient = type("Patient", (), {"sex": sex})()
    return str(measurement_summary(data, Line(user=user, patient=patient, prefix="/log/")))


def meal(**data):
    return str(nutrition_summary({"meal": "lunch", **data}, Line(user=None, patient=None, prefix="/log/")))


def test_both_kinds_have_their_summary():
    assert registry.get("measurement").summary is measurement_summary
    assert registry.get("nutrition").summary is nutrition_summary


def test_every_part_of_a_measurement_in_order():
    data = {"weight_kg": 72.5, "method": "estimated", "calf_left_cm": 35.0, "calf_right_cm": 36.2,
            "muac_cm": 28.4, "oedema": True, "weight_alert": None}
    assert measured(data) == (
        "<strong>Measured</strong>: weight \u206872.5 kg\u2069 (estimated) · "
        f"left calf {cm('35.0')}, right calf {cm('36.2')} · upper arm {cm('28.4')} · swelling noted")


def test_a_weighed_weight_is_not_called_estimated():
    assert measured({"weight_kg": 72.5, "method": "bed_scale"}) == "<strong>Measured</strong>: weight \u206872.5 kg\u2069"


def test_one_calf_or_the_upper_arm_alone():
    assert measured({"calf_right_cm": 36.0}) == f"<strong>Measured</strong>: right calf {cm('36.0')}"
    assert measured({"muac_cm": 26.0}) == f"<strong>Measured</strong>: upper arm {cm('26.0')}"


def test_a_member_who_reads_imperial_gets_pounds_and_inches(circle):
    DisplayPreferences.objects.create(user=circle.caregiver, units=Units.IMPERIAL)
    data = {"weight_kg": 72.5, "calf_left_cm": 30.0}
    assert measured(data, user=circle.caregiver) == (
        "<strong>Measured</strong>: weight \u2068159.8 lb\u2069 · left calf \u206811.8 in\u2069")
    assert "72.5 kg" in measured(data, user=circle.owner)  # no preference: metric


def test_the_units_are_read_once_per_page(circle, django_assert_num_queries):
    DisplayPreferences.objects.create(user=circle.caregiver, units=Units.IMPERIAL)
    page = Line(user=circle.caregiver, patient=circle.patient, prefix="/log/")
    with django_assert_num_queries(1):
        for _ in range(3):
            measurement_summary({"weight_kg": 72.5}, page)


@pytest.mark.parametrize("window,shown", [("month", "weight down 5.3 % in a month"),
                                          ("six_months", "weight down 10.0 % in six months")])
def test_a_weight_alert_names_its_window(window, shown):
    data = {"weight_kg": 60.0, "weight_alert": {"window": window, "percent": 5.3 if window == "month" else 10.0}}
    assert measured(data).endswith(f" · {FLAG}{shown}</span>")


@pytest.mark.parametrize("sex,left,flagged", [
    (Sex.FEMALE, 32.9, True), (Sex.FEMALE, 33.0, False), (Sex.MALE, 33.5, True), ("", 20.0, False)])
def test_a_calf_under_the_cut_off_for_the_patients_sex_is_flagged(sex, left, flagged):
    html = measured({"calf_left_cm": left}, sex=sex)
    assert (f"{FLAG}calf under the screening cut-off</span>" in html) is flagged


@pytest.mark.parametrize("muac,flagged", [(25.0, True), (25.1, False)])
def test_a_small_upper_arm_is_flagged(muac, flagged):
    assert (f" · {FLAG}upper arm small</span>" in measured({"muac_cm": muac})) is flagged


@pytest.mark.parametrize("code,label", [("breakfast", "Breakfast"), ("lunch", "Lunch"), ("dinner", "Dinner"),
                                        ("snack", "Snack"), ("drink", "Drinks")])
def test_each_meal_has_its_name(code, label):
    assert meal(meal=code) == f"<strong>{label}</strong>"


@pytest.mark.parametrize("portion,shown", [
    ("none", "ate none of it"), ("quarter", "ate about a quarter"), ("half", "ate about half"),
    ("three_quarters", "ate about three quarters"), ("all", "ate all of it")])
def test_each_portion_follows_the_meal(portion, shown):
    assert meal(portion=portion) == f"<strong>Lunch</strong>: {shown}"


@pytest.mark.parametrize("servings,shown", [(0, "0 protein servings"), (1, "1 protein serving"),
                                            (2, "2 protein servings")])
def test_protein_servings_are_counted(servings, shown):
    assert meal(protein=servings) == f"<strong>Lunch</strong> · {shown}"


def test_fluids_supplement_and_coughing_follow_in_order():
    assert meal(portion="half", protein=None, fluids_ml=250, supplement=True, coughing=True) == (
        "<strong>Lunch</strong>: ate about half · 250 ml to drink · supplement · "
        f"{FLAG}coughed or choked when swallowing</span>")
    assert meal(fluids_ml=0) == "<strong>Lunch</strong> · 0 ml to drink"
    assert meal(fluids_ml=None, supplement=False, coughing=False) == "<strong>Lunch</strong>"


def test_in_spanish_the_lines_use_the_catalogue_and_a_decimal_comma():
    with translation.override("es"):
        weight = measured({"weight_kg": 72.5, "weight_alert": {"window": "six_months", "percent": 10.0}})
        lunch = meal(portion="half", protein=2)
    assert weight == ("<strong>Medidas</strong>: peso \u206872,5 kg\u2069 · "
                      f"{FLAG}el peso bajó un 10,0 % en seis meses</span>")
    assert lunch == "<strong>Almuerzo</strong>: comió más o menos la mitad · 2 porciones de proteína"
