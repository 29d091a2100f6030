"""Each check's timeline line, written in Python (core.logs.lines): the text the summary
templates had, with the same messages, so the translations still apply."""

import pytest
from django.utils import translation

from core.assessments.display import braden_summary, mobility_summary, sarc_f_summary
from core.logs import registry
from core.logs.lines import Line


@pytest.fixture(autouse=True)
def english():
    """A request of an earlier test may leave its language active in this thread."""
    with translation.override("en"):
        yield


def line():
    return Line(user=None, patient=None, prefix="/log/")


def mobility(**data):
    return str(mobility_summary(data, line()))


def test_each_check_kind_has_its_summary():
    assert registry.get("braden").summary is braden_summary
    assert registry.get("mobility").summary is mobility_summary
    assert registry.get("sarc_f").summary is sarc_f_summary


@pytest.mark.parametrize("band,label,flagged", [
    ("no_risk", "no risk", False), ("at_risk", "at risk", False), ("moderate", "moderate risk", False),
    ("high", "high risk", True), ("very_high", "very high risk", True)])
def test_braden_shows_the_total_and_band_and_flags_the_high_bands(band, label, flagged):
    attrs = ' class="flag"' if flagged else ""
    assert str(braden_summary({"total": 12, "band": band}, line())) == (
        f"<strong>Bedsore risk (Braden)</strong>: <span{attrs}>12 — {label}</span>")


def test_braden_with_an_unknown_band_still_shows_the_total():
    assert str(braden_summary({"total": 12, "band": "retired"}, line())) == (
        "<strong>Bedsore risk (Braden)</strong>: <span>12 — </span>")


def test_mobility_parts_each_in_their_own_span():
    assert mobility(mrc_sum=52, fac=4) == (
        '<strong>Strength and walking check</strong>: <span class="summary-parts">'
        "<span>MRC 52 of 60</span><span>FAC 4</span></span>")
    assert mobility() == '<strong>Strength and walking check</strong>: <span class="summary-parts"></span>'


def test_a_weak_mrc_sum_is_flagged_below_the_threshold():
    assert '<span>MRC 40 of 60 <span class="flag">(below 48)</span></span>' in mobility(mrc_sum=40, mrc_weak=True)


@pytest.mark.parametrize("graded,shown", [(1, "1 muscle graded"), (3, "3 muscles graded")])
def test_without_a_sum_the_graded_muscles_are_counted(graded, shown):
    assert f"<span>{shown}</span>" in mobility(mrc_sum=None, mrc_graded=graded)


def test_the_sum_wins_over_the_graded_count():
    html = mobility(mrc_sum=60, mrc_graded=12)
    assert "MRC 60 of 60" in html
    assert "graded" not in html


def test_a_chair_stand_with_arms_below_the_threshold_says_both():
    assert mobility(chair_stand=0, used_arms=True, chair_stand_below=True, chair_stand_threshold=12).endswith(
        '<span>chair stand 0 (needed arms) <span class="flag">(below 12)</span></span></span>')


def test_a_chair_stand_at_or_above_the_threshold_is_not_flagged():
    html = mobility(chair_stand=14, used_arms=False, chair_stand_below=False, chair_stand_threshold=12)
    assert "<span>chair stand 14</span>" in html
    assert "flag" not in html


def test_timed_up_and_go_has_one_decimal_and_the_fall_risk_flag():
    assert '<span>Up and Go 12.5 s <span class="flag">(fall risk)</span></span>' in mobility(tug=12.5, tug_flag=True)
    assert "<span>Up and Go 8.0 s</span>" in mobility(tug=8.0, tug_flag=False)


def test_fac_zero_is_shown():
    assert "<span>FAC 0</span>" in mobility(fac=0)


@pytest.mark.parametrize("data,shown", [
    ({"walk_m": 25, "walk_steps": 30}, "walked 25 m"),
    ({"walk_m": None, "walk_steps": 1}, "walked 1 step"),
    ({"walk_m": None, "walk_steps": 30}, "walked 30 steps")])
def test_the_walk_is_in_metres_or_else_in_steps(data, shown):
    html = mobility(**data)
    assert f"<span>{shown}</span>" in html
    assert html.count("walked") == 1


@pytest.mark.parametrize("helpers,shown", [(0, None), (1, "1 helper"), (2, "2 helpers")])
def test_helpers_are_counted(helpers, shown):
    html = mobility(walk_steps=10, walk_helpers=helpers)
    assert ("helper" in html) is bool(shown)
    if shown:
        assert f"<span>{shown}</span>" in html


def test_sarc_f_shows_the_total_and_flags_likely_sarcopenia():
    assert str(sarc_f_summary({"total": 5, "likely": True}, line())) == (
        '<strong>Muscle loss questions (SARC-F)</strong>: 5 of 10 · <span class="flag">sarcopenia likely</span>')
    assert str(sarc_f_summary({"total": 2, "likely": False}, line())) == (
        "<strong>Muscle loss questions (SARC-F)</strong>: 2 of 10")


def test_in_spanish_the_lines_use_the_catalogue_and_a_decimal_comma():
    with translation.override("es"):
        braden = str(braden_summary({"total": 10, "band": "high"}, line()))
        walk = mobility(tug=12.5, tug_flag=True, walk_steps=2)
    assert braden == '<strong>Riesgo de escaras (Braden)</strong>: <span class="flag">10: riesgo alto</span>'
    assert "<strong>Revisión de fuerza y marcha</strong>" in walk
    assert '“Levántate y anda”: 12,5 s <span class="flag">(riesgo de caídas)</span>' in walk
    assert "<span>caminó 2 pasos</span>" in walk
