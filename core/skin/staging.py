"""What a skin finding can be: the pressure sites, the NPIAP 2016 categories and
their order, and which findings send the family to a clinician.

Source: /work/shared/reference/clinical.md
- §1.1 NPIAP staging (2016): stages 1–4, unstageable, deep tissue pressure injury
  (DTPI), mucosal (cannot be staged); device-related is a flag plus a device on top
  of a stage; stage by the deepest tissue seen and never reverse-stage (a healing
  stage 3 stays "healing stage 3").
- §1.2 Common sites (lying on the back, on the side, sitting; under devices).
- §1.3 Skin-check record (blanch test, exudate, tissue).
- §7 Red flags: an infected pressure injury (red, hot, swollen skin; pus; foul
  smell) or any new or non-healing injury → contact a clinician.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Site(models.TextChoices):
    OCCIPUT = "occiput", _("Back of the head")
    EAR = "ear", _("Ear")
    SHOULDER_BLADE = "shoulder_blade", _("Shoulder blade")
    SHOULDER = "shoulder", _("Side of the shoulder")
    SPINE = "spine", _("Spine")
    ELBOW = "elbow", _("Elbow")
    BACK_OF_ARM = "back_of_arm", _("Back of the arm")
    SACRUM = "sacrum", _("Tailbone (sacrum, coccyx)")
    ISCHIUM = "ischium", _("Sitting bone (ischial tuberosity)")
    HIP = "hip", _("Side of the hip (greater trochanter)")
    BACK_OF_LEG = "back_of_leg", _("Back of the leg")
    KNEE = "knee", _("Knee")
    ANKLE = "ankle", _("Ankle bone (malleolus)")
    HEEL = "heel", _("Heel")
    NOSE = "nose", _("Nose (under a tube or mask)")
    MOUTH = "mouth", _("Mouth (under a tube)")
    LIPS = "lips", _("Lips")
    OTHER = "other", _("Somewhere else")


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    CENTRE = "centre", _("Middle")


# Which sides a site can have: one in the middle of the body, or a pair.
MIDLINE_SITES = {Site.OCCIPUT, Site.SPINE, Site.SACRUM}
PAIRED_SITES = {Site.EAR, Site.SHOULDER_BLADE, Site.SHOULDER, Site.ELBOW, Site.BACK_OF_ARM, Site.ISCHIUM,
                Site.HIP, Site.BACK_OF_LEG, Site.KNEE, Site.ANKLE, Site.HEEL}
# The face, under devices, can be hurt on either side or in the middle.
ANY_SIDE_SITES = {Site.NOSE, Site.MOUTH, Site.LIPS, Site.OTHER}
# Mucous membranes: the only places a mucosal injury can be (§1.1, §1.2 "Devices").
MUCOSAL_SITES = {Site.NOSE, Site.MOUTH, Site.LIPS, Site.OTHER}


def sides_for(site):
    if site in MIDLINE_SITES:
        return [Side.CENTRE]
    if site in PAIRED_SITES:
        return [Side.LEFT, Side.RIGHT]
    return [Side.LEFT, Side.CENTRE, Side.RIGHT]


class Category(models.TextChoices):
    STAGE_1 = "stage_1", _("Stage 1")
    STAGE_2 = "stage_2", _("Stage 2")
    STAGE_3 = "stage_3", _("Stage 3")
    STAGE_4 = "stage_4", _("Stage 4")
    UNSTAGEABLE = "unstageable", _("Unstageable")
    DTPI = "dtpi", _("Deep tissue injury")
    MUCOSAL = "mucosal", _("Mucosal (not staged)")
    UNSURE = "unsure", _("Not sure yet")


# Short descriptions for the form, paraphrasing the table in clinical.md §1.1.
CATEGORY_HINTS = {
    Category.STAGE_1: _("Skin not broken. A red patch that stays red when you press it."),
    Category.STAGE_2: _("Shallow open sore, pink or red, or a blister with clear fluid."),
    Category.STAGE_3: _("Deeper sore: fat can be seen. No bone or muscle."),
    Category.STAGE_4: _("Very deep: muscle, tendon or bone can be seen or felt."),
    Category.UNSTAGEABLE: _("Deep, but the bottom is hidden by yellow or black dead tissue."),
    Category.DTPI: _("Deep red, maroon or purple patch, or a blood blister."),
    Category.MUCOSAL: _("Inside the nose, mouth or on the lips, where a tube pressed."),
    Category.UNSURE: _("A nurse will say which stage it is."),
}

# How deep each category reaches, for "never reverse-stage". A later finding at the
# same site may not be recorded at a lower depth than the worst seen before.
# - Unstageable and DTPI hide a full-thickness injury: once seen, the site is never
#   recorded as stage 1 or 2 again, but it may be staged 3 or 4 when the depth shows.
# - Mucosal injuries are outside the staging system (None): they neither raise nor
#   lower a site's stage.
# - "Not sure yet" has depth 0: allowed for a new site, refused once a stage is known.
DEPTH = {
    Category.UNSURE: 0,
    Category.STAGE_1: 1,
    Category.STAGE_2: 2,
    Category.STAGE_3: 3,
    Category.UNSTAGEABLE: 3,
    Category.DTPI: 3,
    Category.STAGE_4: 4,
    Category.MUCOSAL: None,
}

# Stage 2 or worse, unstageable or deep tissue injury: contact a clinician (§7).
CLINICIAN_CATEGORIES = {Category.STAGE_2, Category.STAGE_3, Category.STAGE_4, Category.UNSTAGEABLE,
                        Category.DTPI}


def depth(category):
    return DEPTH.get(category)


def worst(categories):
    """The deepest category of those given (the later one wins a tie), or "" if none is staged."""
    result, result_depth = "", None
    for category in categories:
        d = depth(category)
        if d is None:
            continue
        if result_depth is None or d >= result_depth:
            result, result_depth = category, d
    return result


class Blanch(models.TextChoices):
    NOT_TESTED = "not_tested", _("Not tested")
    BLANCHES = "blanches", _("Turns pale, then red again")
    DOES_NOT_BLANCH = "does_not_blanch", _("Stays red")


class ExudateAmount(models.TextChoices):
    NONE = "none", _("None")
    LIGHT = "light", _("Light")
    MODERATE = "moderate", _("Moderate")
    HEAVY = "heavy", _("Heavy")


class ExudateType(models.TextChoices):
    SEROUS = "serous", _("Clear, watery")
    SANGUINEOUS = "sanguineous", _("Bloody")
    SEROSANGUINEOUS = "serosanguineous", _("Pink, watery with some blood")
    PURULENT = "purulent", _("Thick, yellow or green (pus)")


class Tissue(models.TextChoices):
    CLOSED = "closed", _("Closed (skin has healed over)")
    EPITHELIAL = "epithelial", _("New pink skin at the edges")
    GRANULATION = "granulation", _("Red, bumpy, moist")
    SLOUGH = "slough", _("Yellow or white, stringy (slough)")
    NECROTIC = "necrotic", _("Black or brown, hard (dead tissue)")


class Healing(models.TextChoices):
    NEW = "new", _("New")
    WORSE = "worse", _("Getting worse")
    SAME = "same", _("No change")
    HEALING = "healing", _("Healing")
    HEALED = "healed", _("Healed")
