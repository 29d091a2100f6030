"""Every screening scale this app scores, as data, each with its source.

All numbers come from the project's clinical reference (``reference/clinical.md``);
the section is named above each scale. Nothing here diagnoses: a score is a
screening aid that says when to talk to a clinician.

Wording:
- Braden: the level *names* are the subscale labels listed in clinical.md §2.1.
  The official level descriptions are copyrighted (Braden & Bergstrom, 1988;
  clinical.md §0) and are NOT reproduced; each ``plain`` line is our own short
  explanation for families.
- SARC-F, FAC, MRC: paraphrased from clinical.md §5.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------------------
# Braden Scale (pressure-injury risk) — clinical.md §2.1
# Sources: NINDS CDE (subscales, 6–23); cliot docs and VA VistA (level names);
# ConsultGeri / NINDS CDE (bands); cliot ("no risk" for 19–23).
# ---------------------------------------------------------------------------

BRADEN_SOURCE = _("Braden Scale for Predicting Pressure Sore Risk © Barbara Braden and Nancy Bergstrom, 1988")
BRADEN_MIN, BRADEN_MAX = 6, 23


@dataclass(frozen=True)
class Level:
    score: int
    name: object       # level name from clinical.md's table
    plain: object = ""  # our own one-line explanation


@dataclass(frozen=True)
class Subscale:
    key: str
    name: object
    question: object
    levels: tuple

    @property
    def choices(self):
        return [(level.score, level.name) for level in self.levels]

    @property
    def lowest(self):
        return self.levels[0].score

    @property
    def highest(self):
        return self.levels[-1].score

    def level(self, score):
        return next((level for level in self.levels if level.score == score), None)


BRADEN_SUBSCALES = (
    Subscale("sensory", _("Sensory perception"), _("Can they feel discomfort and let you know?"), (
        Level(1, _("Completely limited"), _("Shows no reaction to discomfort at all.")),
        Level(2, _("Very limited"), _("Reacts only to strong discomfort; cannot really tell you.")),
        Level(3, _("Slightly limited"), _("Can tell you only some of the time, or feels less in a limb.")),
        Level(4, _("No impairment"), _("Feels discomfort and tells you about it.")),
    )),
    Subscale("moisture", _("Moisture"), _("How often is the skin damp from sweat, urine or stool?"), (
        Level(1, _("Constantly moist"), _("Damp nearly all the time.")),
        Level(2, _("Very moist"), _("Damp often, but not all the time.")),
        Level(3, _("Occasionally moist"), _("Damp now and then.")),
        Level(4, _("Rarely moist"), _("Usually dry.")),
    )),
    Subscale("activity", _("Activity"), _("How much are they up and about?"), (
        Level(1, _("Bedfast"), _("Stays in bed.")),
        Level(2, _("Chairfast"), _("Cannot really walk; sits in a chair or wheelchair.")),
        Level(3, _("Walks occasionally"), _("Walks a little in the day; mostly in bed or a chair.")),
        Level(4, _("Walks frequently"), _("Walks often, also out of the room.")),
    )),
    Subscale("mobility", _("Mobility"), _("Can they change position in bed by themselves?"), (
        Level(1, _("Completely immobile"), _("Cannot shift body or legs at all without help.")),
        Level(2, _("Very limited"), _("Makes small shifts now and then; not enough alone.")),
        Level(3, _("Slightly limited"), _("Makes small shifts often by themselves.")),
        Level(4, _("No limitation"), _("Changes position fully and often by themselves.")),
    )),
    Subscale("nutrition", _("Nutrition"), _("How do they usually eat?"), (
        Level(1, _("Very poor"), _("Eats very little; rarely finishes a meal.")),
        Level(2, _("Probably inadequate"), _("Eats about half of most meals.")),
        Level(3, _("Adequate"), _("Eats most of most meals, or has a full tube feed.")),
        Level(4, _("Excellent"), _("Eats well at every meal.")),
    )),
    Subscale("friction", _("Friction and shear"), _("Do they slide down or get dragged when moved?"), (
        Level(1, _("Problem"), _("Needs a lot of help to move; slides down often.")),
        Level(2, _("Potential problem"), _("Moves weakly or needs some help; slides now and then.")),
        Level(3, _("No apparent problem"), _("Moves in bed and chair alone and stays in place.")),
    )),
)
BRADEN = {subscale.key: subscale for subscale in BRADEN_SUBSCALES}


class BradenBand(models.TextChoices):
    NO_RISK = "no_risk", _("no risk")
    AT_RISK = "at_risk", _("at risk")
    MODERATE = "moderate", _("moderate risk")
    HIGH = "high", _("high risk")
    VERY_HIGH = "very_high", _("very high risk")


@dataclass(frozen=True)
class Banding:
    """One published way of cutting the 6–23 total into bands. Each assessment stores
    the version it was banded with, so changing the banding never rewrites old results."""

    version: str
    bands: tuple        # (lowest total, highest total, band), together covering 6–23
    description: object
    source: object

    def band(self, total):
        if not isinstance(total, int) or isinstance(total, bool) or not BRADEN_MIN <= total <= BRADEN_MAX:
            raise ValueError(f"A Braden total is {BRADEN_MIN}–{BRADEN_MAX}, not {total!r}")
        return next(band for low, high, band in self.bands if low <= total <= high)


BRADEN_BANDINGS = {
    "v1": Banding(
        version="v1",
        bands=((19, 23, BradenBand.NO_RISK), (15, 18, BradenBand.AT_RISK), (13, 14, BradenBand.MODERATE),
               (10, 12, BradenBand.HIGH), (6, 9, BradenBand.VERY_HIGH)),
        description=_("19–23 no risk, 15–18 at risk, 13–14 moderate, 10–12 high, 9 or less very high"),
        source=_("ConsultGeri (Hartford Institute) and NINDS Common Data Elements; "
                 "“no risk” for 19–23 as some tools use it"),
    ),
}
CURRENT_BANDING = "v1"
BANDING_CHOICES = [(version, version) for version in BRADEN_BANDINGS]


def current_banding():
    """The banding a new assessment is scored with (a callable, so migrations never freeze it)."""
    return CURRENT_BANDING


def braden_total(scores):
    """The sum of the six subscales; refuses a missing or out-of-range subscale."""
    total = 0
    for subscale in BRADEN_SUBSCALES:
        score = scores.get(subscale.key)
        if not isinstance(score, int) or isinstance(score, bool) or subscale.level(score) is None:
            raise ValueError(f"{subscale.key} is {subscale.lowest}–{subscale.highest}, not {score!r}")
        total += score
    return total


def braden_band(total, banding=None):
    return BRADEN_BANDINGS[banding or current_banding()].band(total)


# Bands shown in red on the timeline.
BRADEN_FLAGGED_BANDS = {BradenBand.HIGH, BradenBand.VERY_HIGH}

# ---------------------------------------------------------------------------
# Turning (repositioning) — clinical.md §3
# NICE QS89: adults at risk change position at least every 6 h, those at high risk
# at least every 4 h. "Every 2 h" is custom, not a guideline figure. NICE does not
# define its risk groups by a Braden total, so every band worse than "at risk" is
# compared with the stricter 4-hour limit (the safe side). These are outer limits to
# compare with, never a prescribed interval: the care plan holds the interval.
# ---------------------------------------------------------------------------

TURNING_SOURCE = _("NICE quality standard QS89 (repositioning)")
NICE_AT_RISK, NICE_HIGH_RISK = "at_risk", "high_risk"
NICE_LIMIT_HOURS = {NICE_AT_RISK: 6, NICE_HIGH_RISK: 4}
TURNING_GROUP = {  # Braden band -> the NICE limit to compare with (None: no interval suggested)
    BradenBand.NO_RISK: None,
    BradenBand.AT_RISK: NICE_AT_RISK,
    BradenBand.MODERATE: NICE_HIGH_RISK,
    BradenBand.HIGH: NICE_HIGH_RISK,
    BradenBand.VERY_HIGH: NICE_HIGH_RISK,
}
CUSTOMARY_START_HOURS = 2


def turning_limit(band):
    """(NICE group, outer limit in hours) for a Braden band, or (None, None)."""
    group = TURNING_GROUP[band]
    return (group, NICE_LIMIT_HOURS[group]) if group else (None, None)

# ---------------------------------------------------------------------------
# MRC muscle strength grades and the MRC sum score — clinical.md §5
# Sources: World J Orthop; MRC memo (grades). NINDS CDE (sum score 0–60, < 48
# defines ICU-acquired weakness). Family entries are lay-rated.
# ---------------------------------------------------------------------------

MRC_SOURCE = _("Medical Research Council (MRC) scale; MRC sum score as in the NINDS Common Data Elements")
MRC_GRADES = (
    Level(0, _("No contraction"), _("No tightening of the muscle at all.")),
    Level(1, _("Flicker, no movement"), _("The muscle tightens a little, but nothing moves.")),
    Level(2, _("Moves with gravity eliminated"), _("Moves only when the limb is supported, e.g. sliding on the bed.")),
    Level(3, _("Moves against gravity"), _("Lifts the limb, but not against your hand.")),
    Level(4, _("Against gravity plus some resistance"), _("Lifts and pushes against your hand, but weaker.")),
    Level(5, _("Normal"), _("Normal strength.")),
)
MRC_LOWEST, MRC_HIGHEST = 0, 5
MRC_GROUPS = (
    ("shoulder_abduction", _("Shoulder: lift the arm out to the side")),
    ("elbow_flexion", _("Elbow: bend")),
    ("wrist_extension", _("Wrist: lift the back of the hand")),
    ("hip_flexion", _("Hip: lift the thigh")),
    ("knee_extension", _("Knee: straighten the leg")),
    ("ankle_dorsiflexion", _("Ankle: pull the foot up")),
)
SIDES = (("left", _("Left")), ("right", _("Right")))
MRC_KEYS = tuple(f"{group}_{side}" for group, _label in MRC_GROUPS for side, _side in SIDES)  # the 12 of the sum
MRC_SUM_MAX = 60
MRC_WEAKNESS_BELOW = 48


def is_mrc_grade(value):
    return isinstance(value, int) and not isinstance(value, bool) and MRC_LOWEST <= value <= MRC_HIGHEST


def mrc_problems(grades):
    """What is wrong with a {muscle group_side: grade} dict (empty list if nothing)."""
    if not isinstance(grades, dict):
        return ["not a dict"]
    problems = [f"unknown muscle group {key!r}" for key in grades if key not in MRC_KEYS]
    problems += [f"{key}: {value!r} is not 0–5" for key, value in grades.items()
                 if key in MRC_KEYS and not is_mrc_grade(value)]
    return problems


def mrc_sum(grades):
    """The 0–60 sum score, only when all twelve muscle groups are graded; otherwise None."""
    if mrc_problems(grades):
        raise ValueError("; ".join(mrc_problems(grades)))
    if any(grades.get(key) is None for key in MRC_KEYS):
        return None
    return sum(grades[key] for key in MRC_KEYS)


def mrc_below_weakness_threshold(total):
    return total is not None and total < MRC_WEAKNESS_BELOW


# ---------------------------------------------------------------------------
# 30-second chair stand (CDC STEADI) — clinical.md §5
# Armless chair, arms crossed on the chest, full stands in 30 s. Needing the arms
# scores 0. A count below the table value for the age and sex suggests fall risk.
# ---------------------------------------------------------------------------

CHAIR_STAND_SOURCE = _("CDC STEADI 30-Second Chair Stand")
CHAIR_STAND_MAX = 60  # far above any real count in 30 s; refuses typing slips
CHAIR_STAND_BELOW = (  # (youngest, oldest, {sex: a count below this suggests fall risk})
    (60, 64, {"male": 14, "female": 12}),
    (65, 69, {"male": 12, "female": 11}),
    (70, 74, {"male": 12, "female": 10}),
    (75, 79, {"male": 11, "female": 10}),
    (80, 84, {"male": 10, "female": 9}),
    (85, 89, {"male": 8, "female": 8}),
    (90, 94, {"male": 7, "female": 4}),
)


class NoComparison(models.TextChoices):
    """Why a chair-stand count cannot be compared with the table."""

    NO_AGE = "no_age", _("The year of birth is not in the profile.")
    NO_SEX = "no_sex", _("Sex is not in the profile; the table differs for women and men.")
    AGE_OUTSIDE = "age_outside", _("The table covers ages 60 to 94 only.")


@dataclass(frozen=True)
class ChairStandComparison:
    score: int
    threshold: int | None = None
    youngest: int | None = None
    oldest: int | None = None
    sex: str = ""
    no_comparison: str = ""     # a NoComparison value when there is no threshold

    @property
    def below(self):
        return self.threshold is not None and self.score < self.threshold


def chair_stand_score(count, used_arms):
    """STEADI: if the arms are needed to stand, the score is 0."""
    return 0 if used_arms else count


def chair_stand_threshold(age, sex):
    """(youngest, oldest, value) of the table row for this age and sex, or None."""
    for youngest, oldest, by_sex in CHAIR_STAND_BELOW:
        if youngest <= age <= oldest and sex in by_sex:
            return youngest, oldest, by_sex[sex]
    return None


def compare_chair_stand(score, age, sex):
    if age is None:
        return ChairStandComparison(score, no_comparison=NoComparison.NO_AGE)
    if sex not in ("male", "female"):
        return ChairStandComparison(score, no_comparison=NoComparison.NO_SEX)
    row = chair_stand_threshold(age, sex)
    if row is None:
        return ChairStandComparison(score, sex=sex, no_comparison=NoComparison.AGE_OUTSIDE)
    youngest, oldest, threshold = row
    return ChairStandComparison(score, threshold, youngest, oldest, sex)


# ---------------------------------------------------------------------------
# Timed Up and Go (CDC STEADI) — clinical.md §5: 12 s or more = fall risk.
# Other cut-offs (< 10 s, > 13.5 s) are unconfirmed and not used.
# ---------------------------------------------------------------------------

TUG_SOURCE = _("CDC STEADI Timed Up and Go")
TUG_FALL_RISK_FROM = Decimal("12.0")
TUG_MIN, TUG_MAX = Decimal("0.5"), Decimal("300")


def tug_fall_risk(seconds):
    return seconds is not None and Decimal(str(seconds)) >= TUG_FALL_RISK_FROM


# ---------------------------------------------------------------------------
# Functional Ambulation Categories — clinical.md §5 (StrokEngine; MGH).
# Walking means at least about 10 ft (3 m); walking aids are allowed.
# ---------------------------------------------------------------------------

FAC_SOURCE = _("Functional Ambulation Categories (FAC)")
FAC_LEVELS = (
    Level(0, _("Cannot walk, or needs 2 or more helpers")),
    Level(1, _("Needs firm, continuous support from 1 person (weight and balance)")),
    Level(2, _("Needs light touch from 1 person, all the time or now and then")),
    Level(3, _("Needs someone beside them or spoken guidance only")),
    Level(4, _("Walks alone on level ground only")),
    Level(5, _("Walks alone everywhere, including stairs and slopes")),
)
FAC_CHOICES = [(level.score, level.name) for level in FAC_LEVELS]


class WalkingAid(models.TextChoices):
    NONE = "none", _("No aid")
    STICK = "stick", _("Stick or cane")
    CRUTCHES = "crutches", _("Crutches")
    FRAME = "frame", _("Walking frame")
    ROLLATOR = "rollator", _("Frame with wheels (rollator)")
    OTHER = "other", _("Other aid")


WALK_HELPERS_MAX = 3

# ---------------------------------------------------------------------------
# SARC-F — clinical.md §5 (Tzu Chi Med J table; PMC6884990 for the cut-off).
# Five items 0–2; falls: 0 none, 1 for 1–3 falls, 2 for 4 or more. Total 0–10;
# 4 or more suggests sarcopenia is likely.
# ---------------------------------------------------------------------------

SARC_F_SOURCE = _("SARC-F questionnaire (Malmstrom and Morley); cut-off 4 or more")
SARC_F_MAX = 10
SARC_F_LIKELY_FROM = 4
SARC_F_NONE, SARC_F_SOME, SARC_F_A_LOT = 0, 1, 2
SARC_F_ITEMS = (
    Subscale("strength", _("Lifting and carrying"), _("How hard is it to lift and carry 4.5 kg (10 lb)?"), (
        Level(0, _("None")), Level(1, _("Some")), Level(2, _("A lot, or unable")))),
    Subscale("walking", _("Walking across a room"), _("How hard is it to walk across a room?"), (
        Level(0, _("None")), Level(1, _("Some")), Level(2, _("A lot, uses aids, or unable")))),
    Subscale("rising", _("Getting up from a chair or bed"), _("How hard is it to move from a chair or bed?"), (
        Level(0, _("None")), Level(1, _("Some")), Level(2, _("A lot, or unable without help")))),
    Subscale("stairs", _("Climbing stairs"), _("How hard is it to climb 10 stairs?"), (
        Level(0, _("None")), Level(1, _("Some")), Level(2, _("A lot, or unable")))),
)
SARC_F = {item.key: item for item in SARC_F_ITEMS}
FALLS_MAX = 365


def sarc_f_falls_score(falls):
    """Falls in the past year: 0 → 0, 1–3 → 1, 4 or more → 2."""
    if not isinstance(falls, int) or isinstance(falls, bool) or falls < 0:
        raise ValueError(f"falls is a count, not {falls!r}")
    if falls == 0:
        return 0
    return 1 if falls <= 3 else 2


def sarc_f_total(items, falls):
    total = 0
    for item in SARC_F_ITEMS:
        score = items.get(item.key)
        if item.level(score) is None or isinstance(score, bool):
            raise ValueError(f"{item.key} is 0–2, not {score!r}")
        total += score
    return total + sarc_f_falls_score(falls)


def sarc_f_likely(total):
    return total is not None and total >= SARC_F_LIKELY_FROM
