"""PUSH 3.0, the Pressure Ulcer Scale for Healing: three items, total 0–17 (0 = healed).

Source: /work/shared/reference/clinical.md §2.2 (NPUAP instructions; area bands from
DataMastery, partly UNCONFIRMED against the NPIAP PDF). © NPUAP: free for
non-commercial use with credit. A screening aid for following healing, not a diagnosis.

The published area bands have gaps (0.6 → 0.7, 1.0 → 1.1, …). As clinical.md says,
each band is (previous upper bound, this upper bound]; the first two are read as
written: "0" is exactly 0 and "<0.3" excludes 0.3, which starts "0.3–0.6".
Arithmetic is in Decimal so that 0.3 is 0.3, not 0.30000000000000004.
"""

from decimal import Decimal

SOURCE = "PUSH 3.0 (NPUAP)"

# (upper bound in cm², is the bound itself in this band?, score); above the last: 10.
AREA_BANDS = (
    (Decimal("0"), True, 0),
    (Decimal("0.3"), False, 1),
    (Decimal("0.6"), True, 2),
    (Decimal("1.0"), True, 3),
    (Decimal("2.0"), True, 4),
    (Decimal("3.0"), True, 5),
    (Decimal("4.0"), True, 6),
    (Decimal("8.0"), True, 7),
    (Decimal("12.0"), True, 8),
    (Decimal("24.0"), True, 9),
)
AREA_ABOVE_LAST = 10

EXUDATE = {"none": 0, "light": 1, "moderate": 2, "heavy": 3}
# Any necrosis scores 4; any slough without necrosis scores 3: record the worst tissue seen.
TISSUE = {"closed": 0, "epithelial": 1, "granulation": 2, "slough": 3, "necrotic": 4}

MAX_TOTAL = AREA_ABOVE_LAST + max(EXUDATE.values()) + max(TISSUE.values())  # 17


def area(length_cm, width_cm):
    """Length × width in cm², or None if either is missing."""
    if length_cm is None or width_cm is None:
        return None
    return Decimal(str(length_cm)) * Decimal(str(width_cm))


def area_score(area_cm2):
    value = Decimal(str(area_cm2))
    if value < 0:
        raise ValueError("an area cannot be negative")
    for upper, inclusive, score in AREA_BANDS:
        if value < upper or (inclusive and value == upper):
            return score
    return AREA_ABOVE_LAST


def score(length_cm, width_cm, exudate_amount, tissue_type):
    """The PUSH total, or None unless all four inputs are present."""
    if not exudate_amount or not tissue_type:
        return None
    wound_area = area(length_cm, width_cm)
    if wound_area is None:
        return None
    return area_score(wound_area) + EXUDATE[exudate_amount] + TISSUE[tissue_type]
