"""Screening checks logged at the bedside: Braden risk, mobility and strength, SARC-F.

Each is a bedside log entry (client UUID, edit history, timeline line). Scores are
computed from the answers on every save, never typed in, and the scales themselves
live in ``scales.py``. A check is a screening aid, never a diagnosis.

The shared entry page (``logs:detail``) lists the fields named in the form's Meta,
using ``get_<field>_display()`` when the model has one. The display methods below are
how each check shows its result there, with its source.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.logs.models import LogEntry

from . import scales


def _range(low, high):
    return [MinValueValidator(low), MaxValueValidator(high)]


def _between(field, low, high, name):
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name)


def _null_or_between(field, low, high, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name)


class BradenAssessment(LogEntry):
    KIND = "braden"

    # Computed on save; declared first so that the entry page opens with the result.
    total = models.PositiveSmallIntegerField(
        _("Braden score"), validators=_range(scales.BRADEN_MIN, scales.BRADEN_MAX), blank=True,
        help_text=_("Worked out from the six answers."))
    sensory = models.PositiveSmallIntegerField(scales.BRADEN["sensory"].name, choices=scales.BRADEN["sensory"].choices,
                                               validators=_range(1, 4))
    moisture = models.PositiveSmallIntegerField(scales.BRADEN["moisture"].name,
                                                choices=scales.BRADEN["moisture"].choices, validators=_range(1, 4))
    activity = models.PositiveSmallIntegerField(scales.BRADEN["activity"].name,
                                                choices=scales.BRADEN["activity"].choices, validators=_range(1, 4))
    mobility = models.PositiveSmallIntegerField(scales.BRADEN["mobility"].name,
                                                choices=scales.BRADEN["mobility"].choices, validators=_range(1, 4))
    nutrition = models.PositiveSmallIntegerField(scales.BRADEN["nutrition"].name,
                                                 choices=scales.BRADEN["nutrition"].choices, validators=_range(1, 4))
    friction = models.PositiveSmallIntegerField(scales.BRADEN["friction"].name,
                                                choices=scales.BRADEN["friction"].choices, validators=_range(1, 3))
    band = models.CharField(_("risk band"), max_length=12, choices=scales.BradenBand.choices, editable=False)
    banding = models.CharField(_("banding used"), max_length=8, choices=scales.BANDING_CHOICES,
                               default=scales.current_banding, editable=False)
    history = HistoricalRecords()

    class Meta(LogEntry.Meta):
        verbose_name = _("Braden risk assessment")
        verbose_name_plural = _("Braden risk assessments")
        indexes = [models.Index(fields=["patient", "deleted_at", "-occurred_at"])]
        constraints = [
            _between("sensory", 1, 4, "braden_sensory_1_4"),
            _between("moisture", 1, 4, "braden_moisture_1_4"),
            _between("activity", 1, 4, "braden_activity_1_4"),
            _between("mobility", 1, 4, "braden_mobility_1_4"),
            _between("nutrition", 1, 4, "braden_nutrition_1_4"),
            _between("friction", 1, 3, "braden_friction_1_3"),
            _between("total", scales.BRADEN_MIN, scales.BRADEN_MAX, "braden_total_6_23"),
        ]

    def subscale_scores(self):
        return {subscale.key: getattr(self, subscale.key) for subscale in scales.BRADEN_SUBSCALES}

    def score(self):
        """Total and band from the six answers, banded the way this entry was first banded."""
        if self.banding not in scales.BRADEN_BANDINGS:
            self.banding = scales.current_banding()
        self.total = scales.braden_total(self.subscale_scores())
        self.band = scales.braden_band(self.total, self.banding)

    def save(self, *args, **kwargs):
        self.score()  # raises on a missing or out-of-range answer: nothing half-saved
        super().save(*args, **kwargs)

    def timeline_data(self):
        return {"total": self.total, "band": self.band, "banding": self.banding}

    def get_total_display(self):
        from .display import braden_result

        return braden_result(self)


class MobilityCheck(LogEntry):
    KIND = "mobility"

    # {"shoulder_abduction_left": 4, ...}: any of the 12 muscle groups of the sum score, graded 0–5.
    mrc = models.JSONField(_("muscle strength (MRC grades)"), default=dict, blank=True)
    mrc_sum = models.PositiveSmallIntegerField(_("MRC sum score"), null=True, blank=True, editable=False)
    mrc_by_professional = models.BooleanField(
        _("graded by a physiotherapist, nurse or doctor"), default=False,
        help_text=_("Leave unticked when family or a carer graded it: the grades are then marked lay-rated."))
    chair_stand = models.PositiveSmallIntegerField(
        _("30-second chair stand (stands)"), null=True, blank=True, validators=_range(0, scales.CHAIR_STAND_MAX),
        help_text=_("Full stands in 30 seconds, arms crossed on the chest."))
    chair_stand_used_arms = models.BooleanField(
        _("needed their arms to stand up"), default=False,
        help_text=_("Then the score is 0."))
    tug_seconds = models.DecimalField(
        _("Timed Up and Go (seconds)"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=_range(scales.TUG_MIN, scales.TUG_MAX),
        help_text=_("Stand up from an armchair, walk 3 m, turn, walk back, sit down."))
    tug_aid = models.CharField(_("walking aid used for the test"), max_length=10, choices=scales.WalkingAid.choices,
                               blank=True)
    fac = models.PositiveSmallIntegerField(_("walking category (FAC)"), choices=scales.FAC_CHOICES, null=True,
                                           blank=True, validators=_range(0, 5))
    walk_distance_m = models.PositiveIntegerField(_("distance walked (metres)"), null=True, blank=True,
                                                  validators=_range(1, 5000))
    walk_steps = models.PositiveIntegerField(_("steps"), null=True, blank=True, validators=_range(1, 20000))
    walk_seconds = models.PositiveIntegerField(_("time taken (seconds)"), null=True, blank=True,
                                               validators=_range(1, 7200),
                                               help_text=_("For example 90 for a minute and a half."))
    walk_aid = models.CharField(_("walking aid"), max_length=10, choices=scales.WalkingAid.choices, blank=True)
    walk_helpers = models.PositiveSmallIntegerField(_("people helping"), null=True, blank=True,
                                                    validators=_range(0, scales.WALK_HELPERS_MAX))
    note = models.CharField(_("note"), max_length=300, blank=True,
                            help_text=_("For example shuffling, loss of balance, tired quickly."))
    history = HistoricalRecords()

    class Meta(LogEntry.Meta):
        verbose_name = _("mobility and strength check")
        verbose_name_plural = _("mobility and strength checks")
        indexes = [models.Index(fields=["patient", "deleted_at", "-occurred_at"])]
        constraints = [
            _null_or_between("mrc_sum", 0, scales.MRC_SUM_MAX, "mobility_mrc_sum_0_60"),
            _null_or_between("chair_stand", 0, scales.CHAIR_STAND_MAX, "mobility_chair_stand_0_60"),
            _null_or_between("tug_seconds", scales.TUG_MIN, scales.TUG_MAX, "mobility_tug_range"),
            _null_or_between("fac", 0, 5, "mobility_fac_0_5"),
            _null_or_between("walk_helpers", 0, scales.WALK_HELPERS_MAX, "mobility_helpers_0_3"),
        ]

    WALK_MEASURES = ("walk_distance_m", "walk_steps", "walk_seconds")

    def has_walk(self):
        return any(getattr(self, name) is not None for name in self.WALK_MEASURES)

    def has_measure(self):
        return bool(self.mrc) or self.chair_stand is not None or self.chair_stand_used_arms \
            or self.tug_seconds is not None or self.fac is not None or self.has_walk()

    def normalise(self):
        if self.chair_stand_used_arms:
            self.chair_stand = scales.chair_stand_score(self.chair_stand, True)
        self.mrc = {key: value for key, value in (self.mrc or {}).items() if value is not None}

    def clean(self):
        super().clean()
        self.normalise()
        errors = {}
        if scales.mrc_problems(self.mrc):
            raise ValidationError(_("Each muscle grade is a whole number from 0 to 5."))
        if (self.walk_aid or self.walk_helpers is not None) and not self.has_walk():
            errors["walk_distance_m"] = _("Add the distance, the steps or the time of the walk.")
        if self.tug_aid and self.tug_seconds is None:
            errors["tug_seconds"] = _("Add the time of the test, or clear the walking aid.")
        if errors:
            raise ValidationError(errors)
        if not self.has_measure():
            raise ValidationError(_("Fill in at least one check: strength, chair stand, Up and Go, "
                                    "walking category or a walk."))

    def save(self, *args, **kwargs):
        self.normalise()
        if not self.has_measure():
            raise ValidationError(_("A mobility check needs at least one measure."))
        self.mrc_sum = scales.mrc_sum(self.mrc)  # raises on a grade outside 0–5
        super().save(*args, **kwargs)

    def age_at_check(self):
        """Age reached in the year of the check (only the year of birth is known)."""
        from .display import local_year

        born = self.patient.year_of_birth
        return local_year(self.occurred_at, self.patient) - born if born else None

    def chair_stand_comparison(self):
        if self.chair_stand is None:
            return None
        return scales.compare_chair_stand(self.chair_stand, self.age_at_check(), self.patient.sex)

    def timeline_data(self):
        comparison = self.chair_stand_comparison()
        return {
            "mrc_sum": self.mrc_sum, "mrc_graded": len(self.mrc),
            "mrc_weak": scales.mrc_below_weakness_threshold(self.mrc_sum),
            "chair_stand": self.chair_stand, "used_arms": self.chair_stand_used_arms,
            "chair_stand_below": comparison.below if comparison else None,
            "chair_stand_threshold": comparison.threshold if comparison else None,
            "tug": float(self.tug_seconds) if self.tug_seconds is not None else None,
            "tug_flag": scales.tug_fall_risk(self.tug_seconds),
            "fac": self.fac, "walk_m": self.walk_distance_m, "walk_steps": self.walk_steps,
            "walk_helpers": self.walk_helpers,
        }

    # How the shared entry page shows each result (see the module docstring).
    def get_mrc_display(self):
        from .display import mrc_result

        return mrc_result(self) if self.mrc else None

    def get_chair_stand_display(self):
        from .display import chair_stand_result

        return chair_stand_result(self) if self.chair_stand is not None else None

    def get_tug_seconds_display(self):
        from .display import tug_result

        return tug_result(self) if self.tug_seconds is not None else None

    def get_fac_display(self):
        from .display import scored

        return scored(self.fac, scales.FAC_CHOICES)


class SarcF(LogEntry):
    KIND = "sarc_f"

    total = models.PositiveSmallIntegerField(_("SARC-F score"), validators=_range(0, scales.SARC_F_MAX),
                                             blank=True, help_text=_("Worked out from the five answers."))
    strength = models.PositiveSmallIntegerField(scales.SARC_F["strength"].name,
                                                choices=scales.SARC_F["strength"].choices, validators=_range(0, 2))
    walking = models.PositiveSmallIntegerField(scales.SARC_F["walking"].name,
                                               choices=scales.SARC_F["walking"].choices, validators=_range(0, 2))
    rising = models.PositiveSmallIntegerField(scales.SARC_F["rising"].name,
                                              choices=scales.SARC_F["rising"].choices, validators=_range(0, 2))
    stairs = models.PositiveSmallIntegerField(scales.SARC_F["stairs"].name,
                                              choices=scales.SARC_F["stairs"].choices, validators=_range(0, 2))
    falls_past_year = models.PositiveSmallIntegerField(
        _("falls in the past year"), validators=_range(0, scales.FALLS_MAX),
        help_text=_("How many times did they fall in the past 12 months? 0 if none."))
    history = HistoricalRecords()

    class Meta(LogEntry.Meta):
        verbose_name = _("SARC-F questionnaire")
        verbose_name_plural = _("SARC-F questionnaires")
        indexes = [models.Index(fields=["patient", "deleted_at", "-occurred_at"])]
        constraints = [
            _between("strength", 0, 2, "sarc_f_strength_0_2"),
            _between("walking", 0, 2, "sarc_f_walking_0_2"),
            _between("rising", 0, 2, "sarc_f_rising_0_2"),
            _between("stairs", 0, 2, "sarc_f_stairs_0_2"),
            _between("falls_past_year", 0, scales.FALLS_MAX, "sarc_f_falls_range"),
            _between("total", 0, scales.SARC_F_MAX, "sarc_f_total_0_10"),
        ]

    @property
    def falls_score(self):
        return scales.sarc_f_falls_score(self.falls_past_year)

    @property
    def likely_sarcopenia(self):
        return scales.sarc_f_likely(self.total)

    def save(self, *args, **kwargs):
        items = {item.key: getattr(self, item.key) for item in scales.SARC_F_ITEMS}
        self.total = scales.sarc_f_total(items, self.falls_past_year)  # raises on a bad answer
        super().save(*args, **kwargs)

    def timeline_data(self):
        return {"total": self.total, "likely": self.likely_sarcopenia}

    def get_total_display(self):
        from .display import sarc_f_result

        return sarc_f_result(self)

    def get_falls_past_year_display(self):
        from .display import falls_result

        return falls_result(self)


def _scored_display(key, choices):
    def display(self):
        from .display import scored

        return scored(getattr(self, key), choices)
    return display


# "2 · Very limited" rather than the bare level name on the entry page.
for _subscale in scales.BRADEN_SUBSCALES:
    setattr(BradenAssessment, f"get_{_subscale.key}_display", _scored_display(_subscale.key, _subscale.choices))
for _item in scales.SARC_F_ITEMS:
    setattr(SarcF, f"get_{_item.key}_display", _scored_display(_item.key, _item.choices))
