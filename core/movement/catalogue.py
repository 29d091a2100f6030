"""The passive range-of-motion movements, their cautions and the session's scales, as data.

Source: /work/shared/reference/clinical.md §4 (the joints and movements, the dose,
the stop rules) and §7 (red flags). The movements follow the University of Miami
SCI handouts (upper http://calder.med.miami.edu/pointis/upper.html, lower
http://calder.med.miami.edu/pointis/lower.html), Drugs.com for the neck and OSU
Wexner for the ankle; each has a guidance page (core/guidance/content/*/prom-*.md)
and an illustration in static/guidance/img/.

Everything a view or template needs about a movement comes from here, so that the
routine editor, the step page, the summary and the tests agree.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.patients.models import Condition

# --- dose -------------------------------------------------------------------
# Miami SCI: 10 repetitions per movement, daily. Nursing-assistant training uses
# 3-5. There is no consensus, so reps are a care-plan parameter (clinical.md §4).
DEFAULT_REPS = 10
MIN_REPS = 1
MAX_REPS = 30  # a sanity cap for the care plan, not a clinical figure
# The counter at the bedside counts what was done; it may run past the plan.
MAX_REPS_DONE = 99

# --- pain -------------------------------------------------------------------
# clinical.md §4 app fields: pain_0_10, a 0-10 numeric rating (0 = no pain,
# 10 = worst pain imaginable). No bands: the number is recorded as given.
PAIN_MIN = 0
PAIN_MAX = 10
PAIN_CHOICES = [(n, str(n)) for n in range(PAIN_MIN, PAIN_MAX + 1)]


class Side(models.TextChoices):
    """The side a step was done on; neck movements have no side."""

    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    NONE = "none", _("No side")


class RoutineSides(models.TextChoices):
    """Which sides the care plan asks for, for a movement done on each side."""

    BOTH = "both", _("Both sides")
    LEFT = "left", _("Left only")
    RIGHT = "right", _("Right only")


class AffectedSide(models.TextChoices):
    NONE = "", _("Not known or not one side")
    LEFT = "left", _("Left side")
    RIGHT = "right", _("Right side")


class Status(models.TextChoices):
    """What happened to one movement of a session (clinical.md §4: done / skipped / stopped)."""

    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")
    STOPPED = "stopped", _("Stopped")


class StopReason(models.TextChoices):
    """clinical.md §4 stop_reason; "suspected_dvt" there is worded "suspected clot" for families."""

    PAIN = "pain", _("Pain")
    RESISTANCE = "resistance", _("Strong resistance or stiffness")
    SWELLING = "swelling", _("New swelling")
    SUSPECTED_CLOT = "suspected_clot", _("Possible blood clot (leg swollen, painful, warm or red)")
    FATIGUE = "fatigue", _("Too tired")
    OTHER = "other", _("Other reason")


# Stopping for these shows the red-flag guidance and pauses all leg exercise for
# the rest of the session (clinical.md §4 "Suspected DVT: pause leg exercise and
# seek care"; §7 DVT row; a new swelling may also be a fracture, §7 "During PROM").
RED_FLAG_REASONS = frozenset({StopReason.SWELLING, StopReason.SUSPECTED_CLOT})


# --- joints and movements ------------------------------------------------------

class Region(models.TextChoices):
    """Where the caregiver stands: the session does one limb at a time."""

    NECK = "neck", _("Neck")
    ARM = "arm", _("Arm")
    LEG = "leg", _("Leg")


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    region: str

    @property
    def guide(self):
        """Context key in core.guidance.links for this joint's guidance page."""
        return f"prom_{self.code}"


@dataclass(frozen=True)
class Movement:
    code: str
    group: str
    label: str
    instruction: str
    image: str           # file in static/guidance/img/
    bilateral: bool = True

    @property
    def joint(self):
        return GROUPS[self.group]

    @property
    def region(self):
        return self.joint.region

    @property
    def image_path(self):
        return f"guidance/img/{self.image}"


GROUPS = {g.code: g for g in [
    Group("neck", _("Neck"), Region.NECK),
    Group("shoulder", _("Shoulder"), Region.ARM),
    Group("elbow_forearm", _("Elbow and forearm"), Region.ARM),
    Group("wrist", _("Wrist"), Region.ARM),
    Group("fingers_thumb", _("Fingers and thumb"), Region.ARM),
    Group("hip_knee", _("Hip and knee"), Region.LEG),
    Group("ankle_foot", _("Ankle and foot"), Region.LEG),
]}

MOVEMENTS = {m.code: m for m in [
    # Neck: head supported in both hands, one movement of the whole head (Drugs.com).
    Movement("neck_rotation", "neck", _("Turn the head"),
             _("Hold the head in both hands and slowly turn the face toward one shoulder, then the other."),
             "neck-rotation.svg", bilateral=False),
    Movement("neck_side_tilt", "neck", _("Tilt the head to the side"),
             _("Keep the face looking up and slowly bring one ear toward its shoulder, then the other."),
             "neck-side-tilt.svg", bilateral=False),
    Movement("neck_chin_to_chest", "neck", _("Chin to chest"),
             _("With a hand under the back of the head, gently lift so the chin moves toward the chest."),
             "neck-chin-to-chest.svg", bilateral=False),
    # Shoulder: flexion/extension, abduction/adduction, rotation at shoulder level with the elbow at 90°.
    Movement("shoulder_flexion", "shoulder", _("Lift the arm forward and up"),
             _("Hold the elbow and the wrist, lift the straight arm up toward the head, then lower it."),
             "shoulder-flexion.svg"),
    Movement("shoulder_abduction", "shoulder", _("Move the arm out to the side"),
             _("Slide the supported arm along the bed, away from the body, then back to the side."),
             "shoulder-abduction.svg"),
    Movement("shoulder_rotation", "shoulder", _("Turn the shoulder"),
             _("Arm out at shoulder level, elbow bent: turn the hand toward the head, then toward the feet."),
             "shoulder-rotation.svg"),
    # Elbow and forearm.
    Movement("elbow_flexion", "elbow_forearm", _("Bend and straighten the elbow"),
             _("Hold above the elbow and at the wrist; bend the hand up toward the shoulder, then straighten."),
             "elbow-flexion.svg"),
    Movement("forearm_rotation", "elbow_forearm", _("Turn the palm up and down"),
             _("Elbow bent on the bed, hold the hand as in a handshake and turn the palm up, then down."),
             "forearm-rotation.svg"),
    # Wrist.
    Movement("wrist_flexion", "wrist", _("Bend the wrist forward and back"),
             _("Hold the forearm still and bend the hand forward, then back."),
             "wrist-flexion.svg"),
    Movement("wrist_deviation", "wrist", _("Move the wrist side to side"),
             _("Hold the forearm still and move the hand toward the thumb side, then the little-finger side."),
             "wrist-deviation.svg"),
    # Fingers and thumb.
    Movement("fingers_fist", "fingers_thumb", _("Make a fist and open the hand"),
             _("Gently curl the fingers into a loose fist, then straighten them out flat."),
             "fingers-fist.svg"),
    Movement("thumb_opposition", "fingers_thumb", _("Thumb across the palm"),
             _("Move the thumb across the palm to touch the tip of the little finger, then back."),
             "thumb-opposition.svg"),
    # Hip and knee.
    Movement("hip_knee_bend", "hip_knee", _("Bend the hip and knee"),
             _("One hand under the knee, one under the heel: bend the knee up toward the chest, then lower."),
             "hip-knee-bend.svg"),
    Movement("straight_leg_raise", "hip_knee", _("Lift the straight leg"),
             _("Cup the heel, keep a hand above the knee so it stays straight, and lift the leg a little."),
             "straight-leg-raise.svg"),
    Movement("hip_rotation", "hip_knee", _("Roll the leg in and out"),
             _("With the leg straight, roll it so the toes turn in toward the other leg, then out."),
             "hip-rotation.svg"),
    Movement("hip_abduction", "hip_knee", _("Move the leg out to the side"),
             _("Support the straight leg at the knee and ankle, slide it out along the bed, then back."),
             "hip-abduction.svg"),
    # Ankle and foot (OSU Wexner; one handout holds the stretch about 20 seconds).
    Movement("ankle_dorsiflexion", "ankle_foot", _("Stretch the foot up"),
             _("Cup the heel, rest your forearm along the sole and lean gently so the toes move up."),
             "ankle-dorsiflexion.svg"),
    Movement("ankle_circles", "ankle_foot", _("Ankle circles"),
             _("Hold above the ankle and move the foot in slow circles, one way and then the other."),
             "ankle-circles.svg"),
    Movement("toe_bends", "ankle_foot", _("Bend the toes"),
             _("Hold the foot steady and bend all the toes down, then up."),
             "toe-bends.svg"),
]}

MOVEMENT_CHOICES = [(m.code, m.label) for m in MOVEMENTS.values()]

# The order of a session: the neck, then one arm at a time, then one leg at a
# time, so the caregiver changes sides of the bed as little as possible.
SIDE_ORDER = (Side.LEFT, Side.RIGHT)


def movements_in(region):
    return [m for m in MOVEMENTS.values() if m.region == region]


def by_group():
    """[(group, [movements])] in catalogue order, for the routine editor."""
    return [(group, [m for m in MOVEMENTS.values() if m.group == code]) for code, group in GROUPS.items()]


# --- cautions ------------------------------------------------------------------

@dataclass(frozen=True)
class Caution:
    code: str
    groups: tuple
    text: str
    condition: str = ""  # a patient condition (core.patients.models.Condition) it needs; "" = always
    red_flag: bool = False

    def applies(self, movement, conditions):
        return movement.group in self.groups and (not self.condition or self.condition in conditions)


CAUTIONS = [
    # Canadian Stroke Best Practices 5.3 (clinical.md §4): not beyond 90° flexion or
    # abduction unless the scapula is upwardly rotated and the humerus laterally rotated,
    # i.e. unless a therapist has shown how; never pull on the affected arm; no pulleys.
    Caution("stroke_shoulder", ("shoulder",), _(
        "After a stroke: do not lift the arm higher than the shoulder (90°), forward or to the side, "
        "unless a therapist says you may. Never pull on the weak arm."), condition=Condition.STROKE),
    # clinical.md §4: neck PROM after cervical injury is UNCONFIRMED, so clinician clearance first.
    Caution("neck_injury", ("neck",), _(
        "After any neck injury, do these only if a doctor or therapist has said they are safe.")),
    # clinical.md §4 and §7: a suspected DVT pauses leg exercise and needs care the same day.
    Caution("leg_clot", ("hip_knee", "ankle_foot"), _(
        "If a leg is swollen, painful, warm or red, do no leg exercises: it can be a blood clot. "
        "Contact a clinician today."), red_flag=True),
]


def cautions_for(movement, conditions):
    return [c for c in CAUTIONS if c.applies(movement, conditions or [])]
