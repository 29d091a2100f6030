"""Measurements (weight, calf and mid-upper-arm circumference), nutrition and swallowing notes,
and each member's display units.

Values are stored metric; members may read and type lb and in (see units.py). Screening
thresholds live in rules.py with their sources.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.logs.models import LogEntry, TimelineEntry

from . import rules
from .units import Units

WEIGHT_RANGE_KG = (Decimal("1"), Decimal("400"))
CALF_RANGE_CM = (Decimal("10"), Decimal("80"))
MUAC_RANGE_CM = (Decimal("10"), Decimal("60"))


def _range(bounds):
    return [MinValueValidator(bounds[0]), MaxValueValidator(bounds[1])]


def _number(value):
    return None if value is None else float(value)


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")


class Measurement(LogEntry):
    KIND = "measurement"

    class Method(models.TextChoices):
        BED_SCALE = "bed_scale", _("Bed scale")
        CHAIR_SCALE = "chair_scale", _("Chair scale")
        STANDING_SCALE = "standing_scale", _("Standing scale")
        ESTIMATED = "estimated", _("Estimated, not weighed")

    class CalfPosition(models.TextChoices):
        # clinical.md §5: supine, or seated with the knee at 90°, are both fine.
        SEATED = "seated", _("Sitting, knee bent at 90°")
        LYING = "lying", _("Lying on the back")

    weight_kg = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, null=True, blank=True,
                                    validators=_range(WEIGHT_RANGE_KG))
    weight_method = models.CharField(_("how it was weighed"), max_length=20, choices=Method.choices,
                                     blank=True)
    oedema = models.BooleanField(
        _("swelling (oedema)"), default=False,
        help_text=_("Swelling makes the calf measure bigger than the muscle is. Tick it so the "
                    "numbers are read with care."))
    calf_left_cm = models.DecimalField(_("left calf"), max_digits=4, decimal_places=2, null=True, blank=True,
                                       validators=_range(CALF_RANGE_CM))
    calf_right_cm = models.DecimalField(_("right calf"), max_digits=4, decimal_places=2, null=True,
                                        blank=True, validators=_range(CALF_RANGE_CM))
    calf_position = models.CharField(_("calf measured"), max_length=10, choices=CalfPosition.choices,
                                     blank=True)
    muac_cm = models.DecimalField(_("upper arm (MUAC)"), max_digits=4, decimal_places=2, null=True,
                                  blank=True, validators=_range(MUAC_RANGE_CM),
                                  help_text=_("Mid-upper-arm circumference, halfway between shoulder and elbow."))
    muac_side = models.CharField(_("which arm"), max_length=5, choices=Side.choices, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta(LogEntry.Meta):
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        indexes = [models.Index(fields=["patient", "deleted_at", "-occurred_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(weight_kg__isnull=False) | Q(calf_left_cm__isnull=False)
                           | Q(calf_right_cm__isnull=False) | Q(muac_cm__isnull=False)),
                name="measurement_has_a_value"),
            models.CheckConstraint(
                condition=Q(weight_kg__isnull=True) | Q(weight_kg__gte=WEIGHT_RANGE_KG[0],
                                                        weight_kg__lte=WEIGHT_RANGE_KG[1]),
                name="measurement_weight_in_range"),
            models.CheckConstraint(
                condition=Q(calf_left_cm__isnull=True) | Q(calf_left_cm__gte=CALF_RANGE_CM[0],
                                                           calf_left_cm__lte=CALF_RANGE_CM[1]),
                name="measurement_calf_left_in_range"),
            models.CheckConstraint(
                condition=Q(calf_right_cm__isnull=True) | Q(calf_right_cm__gte=CALF_RANGE_CM[0],
                                                            calf_right_cm__lte=CALF_RANGE_CM[1]),
                name="measurement_calf_right_in_range"),
            models.CheckConstraint(
                condition=Q(muac_cm__isnull=True) | Q(muac_cm__gte=MUAC_RANGE_CM[0], muac_cm__lte=MUAC_RANGE_CM[1]),
                name="measurement_muac_in_range"),
        ]

    def clean(self):
        super().clean()
        if all(v is None for v in (self.weight_kg, self.calf_left_cm, self.calf_right_cm, self.muac_cm)):
            raise ValidationError(_("Enter at least one measurement: weight, a calf or the upper arm."))
        if self.weight_kg is not None and not self.weight_method:
            raise ValidationError({"weight_method": _("Say how the weight was taken.")})
        if self.weight_kg is None:
            self.weight_method = ""
        if self.muac_cm is None:
            self.muac_side = ""
        if self.calf_left_cm is None and self.calf_right_cm is None:
            self.calf_position = ""

    # --- screening --------------------------------------------------------------------
    def weight_alert(self):
        return rules.weight_alert(self.patient, self)

    def calf_flags(self):
        return rules.calf_flags(self.patient.sex, self.calf_left_cm, self.calf_right_cm)

    @property
    def muac_is_low(self):
        return rules.muac_is_low(self.muac_cm)

    def timeline_data(self):
        alert = self.weight_alert()
        return {"weight_kg": _number(self.weight_kg), "method": self.weight_method, "oedema": self.oedema,
                "calf_left_cm": _number(self.calf_left_cm), "calf_right_cm": _number(self.calf_right_cm),
                "muac_cm": _number(self.muac_cm), "weight_alert": alert.as_data() if alert else None}

    def save(self, *args, **kwargs):
        with transaction.atomic():
            before = None if self._state.adding else (
                type(self).objects.filter(pk=self.pk).values_list("occurred_at", flat=True).first())
            super().save(*args, **kwargs)
            self._refresh_later_alerts(before)

    def _refresh_later_alerts(self, before):
        """A weight added, changed, moved or deleted changes the alerts of the weights after it.

        The usual case (the newest weight) finds nothing to refresh: one query.
        """
        times = [t for t in (before, self.occurred_at) if t is not None]
        longest = timedelta(days=max(w.days for w in rules.WEIGHT_LOSS_WINDOWS))
        later = (type(self).objects.alive().select_related("patient")
                 .filter(patient_id=self.patient_id, weight_kg__isnull=False,
                         occurred_at__gt=min(times), occurred_at__lte=max(times) + longest)
                 .exclude(pk=self.pk))
        for entry in later:
            TimelineEntry.objects.filter(entry_id=entry.pk).update(data=entry.timeline_data())

    # --- the generic detail page shows these (core.logs.views.entries._display) --------
    def get_weight_kg_display(self):
        from .display import weight_detail

        return weight_detail(self)

    def get_calf_left_cm_display(self):
        from .display import calf_detail

        return calf_detail(self, "left")

    def get_calf_right_cm_display(self):
        from .display import calf_detail

        return calf_detail(self, "right")

    def get_muac_cm_display(self):
        from .display import muac_detail

        return muac_detail(self)

    def get_oedema_display(self):
        from .display import oedema_detail

        return oedema_detail(self)


class NutritionEntry(LogEntry):
    KIND = "nutrition"

    class Meal(models.TextChoices):
        BREAKFAST = "breakfast", _("Breakfast")
        LUNCH = "lunch", _("Lunch")
        DINNER = "dinner", _("Dinner")
        SNACK = "snack", _("Snack")
        DRINK = "drink", _("Drinks only")

    class Portion(models.TextChoices):
        NONE = "none", _("None of it")
        QUARTER = "quarter", _("About a quarter")
        HALF = "half", _("About half")
        THREE_QUARTERS = "three_quarters", _("About three quarters")
        ALL = "all", _("All of it")

    meal = models.CharField(_("meal"), max_length=10, choices=Meal.choices)
    portion = models.CharField(_("how much was eaten"), max_length=15, choices=Portion.choices, blank=True)
    protein_servings = models.PositiveSmallIntegerField(
        _("protein servings"), null=True, blank=True, validators=[MaxValueValidator(10)],
        help_text=_("Eggs, milk, yoghurt, cheese, meat, fish, beans or lentils: count each serving."))
    fluids_ml = models.PositiveIntegerField(
        _("drinks (ml)"), null=True, blank=True, validators=[MaxValueValidator(5000)],
        help_text=_("A cup is about 200 ml, a glass about 250 ml."))
    coughing_or_choking = models.BooleanField(
        _("coughed or choked when swallowing"), default=False,
        help_text=_("If this happens, tell the clinician or nurse."))
    supplement = models.CharField(_("supplement or nutrition drink"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta(LogEntry.Meta):
        verbose_name = _("meal or drinks")
        verbose_name_plural = _("meals and drinks")
        indexes = [models.Index(fields=["patient", "deleted_at", "-occurred_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(protein_servings__lte=10), name="nutrition_protein_in_range"),
            models.CheckConstraint(condition=Q(fluids_ml__lte=5000), name="nutrition_fluids_in_range"),
        ]

    def clean(self):
        super().clean()
        if self.meal and self.meal != self.Meal.DRINK and not self.portion:
            raise ValidationError({"portion": _("Choose how much was eaten.")})

    def timeline_data(self):
        return {"meal": self.meal, "portion": self.portion, "protein": self.protein_servings,
                "fluids_ml": self.fluids_ml, "coughing": self.coughing_or_choking,
                "supplement": bool(self.supplement)}

    def get_coughing_or_choking_display(self):
        from .display import swallowing_detail

        return swallowing_detail(self)


class DisplayPreferences(models.Model):
    """How a member wants to read and type measurements. Kept here, beside the measurements."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="display_preferences", verbose_name=_("member"))
    units = models.CharField(_("units"), max_length=10, choices=Units.choices, default=Units.METRIC)

    class Meta:
        verbose_name = _("display preferences")
        verbose_name_plural = _("display preferences")

    def __str__(self):
        return self.get_units_display()
