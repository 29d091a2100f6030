"""Bed and chair positions (clinical.md §3) and the turning clock that suggests the next one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.TextChoices):
    SUPINE = "supine", _("On the back (heels floated)")
    LEFT_TILT_30 = "left_tilt_30", _("Left 30° tilt")
    RIGHT_TILT_30 = "right_tilt_30", _("Right 30° tilt")
    LEFT_SIDE = "left_side", _("Left side-lying")
    RIGHT_SIDE = "right_side", _("Right side-lying")
    SEMI_SITTING = "semi_sitting", _("Semi-sitting, head of bed ≤ 30°")
    CHAIR = "chair", _("Sitting in a chair")


# The clock turns left tilt → back → right tilt → left tilt…: each pressure area
# gets two turns of rest. Full side-lying loads the hip bone and is left out.
TURNING_CLOCK = [Position.LEFT_TILT_30, Position.SUPINE, Position.RIGHT_TILT_30]


def next_position(last):
    """The position to suggest after ``last`` (None: start the clock)."""
    if last in TURNING_CLOCK:
        return TURNING_CLOCK[(TURNING_CLOCK.index(last) + 1) % len(TURNING_CLOCK)]
    if last in (Position.LEFT_SIDE,):
        return Position.SUPINE
    if last in (Position.RIGHT_SIDE,):
        return Position.LEFT_TILT_30
    return TURNING_CLOCK[0]
