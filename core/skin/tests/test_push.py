"""PUSH 3.0 exactly as clinical.md §2.2 gives it, every band edge tested."""

from decimal import Decimal

import pytest

from core.skin import push

# Each band is (previous upper bound, this upper bound]; "<0.3" excludes 0.3.
AREA_EDGES = [
    ("0", 0),
    ("0.01", 1), ("0.29", 1),
    ("0.3", 2), ("0.6", 2),
    ("0.61", 3), ("0.7", 3), ("1.0", 3),
    ("1.01", 4), ("1.1", 4), ("2.0", 4),
    ("2.01", 5), ("2.1", 5), ("3.0", 5),
    ("3.01", 6), ("4.0", 6),
    ("4.01", 7), ("8.0", 7),
    ("8.01", 8), ("12.0", 8),
    ("12.01", 9), ("24.0", 9),
    ("24.01", 10), ("2500", 10),
]


@pytest.mark.parametrize("area, expected", AREA_EDGES)
def test_area_scores_fall_in_the_published_bands(area, expected):
    assert push.area_score(Decimal(area)) == expected


def test_the_public_implementation_slip_of_2_2_is_not_copied():
    # clinical.md: one implementation used 2.2 instead of 2.0 as the edge of band 4.
    assert push.area_score(Decimal("2.1")) == 5


def test_area_is_length_times_width_in_exact_decimals():
    assert push.area(Decimal("0.3"), Decimal("1.0")) == Decimal("0.3")
    assert push.area_score(push.area(Decimal("0.3"), Decimal("1.0"))) == 2  # not 0.30000000000000004
    assert push.area(Decimal("1.1"), Decimal("1.1")) == Decimal("1.21")


def test_a_negative_area_is_refused():
    with pytest.raises(ValueError):
        push.area_score(Decimal("-0.1"))


@pytest.mark.parametrize("amount, expected", [("none", 0), ("light", 1), ("moderate", 2), ("heavy", 3)])
def test_exudate_amount_scores_0_to_3(amount, expected):
    assert push.EXUDATE[amount] == expected


@pytest.mark.parametrize("tissue, expected",
                         [("closed", 0), ("epithelial", 1), ("granulation", 2), ("slough", 3), ("necrotic", 4)])
def test_tissue_type_scores_0_to_4(tissue, expected):
    assert push.TISSUE[tissue] == expected


def test_the_total_adds_the_three_items_and_tops_out_at_17():
    assert push.score(Decimal("2.5"), Decimal("1.5"), "light", "granulation") == 6 + 1 + 2
    assert push.score(Decimal("50"), Decimal("50"), "heavy", "necrotic") == 17 == push.MAX_TOTAL
    assert push.score(Decimal("0.1"), Decimal("0.1"), "none", "closed") == 1


@pytest.mark.parametrize("missing", ["length", "width", "exudate", "tissue"])
def test_no_score_unless_every_input_is_there(missing):
    values = {"length": Decimal("2"), "width": Decimal("1"), "exudate": "light", "tissue": "slough"}
    values[missing] = None if missing in ("length", "width") else ""
    assert push.score(values["length"], values["width"], values["exudate"], values["tissue"]) is None


def test_the_models_choices_and_the_scale_agree():
    from core.skin.staging import ExudateAmount, Tissue

    assert set(push.EXUDATE) == set(ExudateAmount.values)
    assert set(push.TISSUE) == set(Tissue.values)
