"""Measurement and meal forms. Numbers are typed in the member's units and stored metric."""

import zoneinfo
from decimal import ROUND_CEILING, ROUND_FLOOR

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.logs.forms import EntryForm

from .models import CALF_RANGE_CM, MUAC_RANGE_CM, WEIGHT_RANGE_KG, DisplayPreferences, Measurement, NutritionEntry
from .units import SHOWN, Units, symbol, to_display, to_metric, units_for

LABELS = {
    # field: (quantity, label with its unit)
    "weight_kg": ("weight", {"kg": _("Weight (kg)"), "lb": _("Weight (lb)")}),
    "calf_left_cm": ("length", {"cm": _("Left calf (cm)"), "in": _("Left calf (in)")}),
    "calf_right_cm": ("length", {"cm": _("Right calf (cm)"), "in": _("Right calf (in)")}),
    "muac_cm": ("length", {"cm": _("Upper arm (cm)"), "in": _("Upper arm (in)")}),
}
RANGES = {"weight_kg": WEIGHT_RANGE_KG, "calf_left_cm": CALF_RANGE_CM, "calf_right_cm": CALF_RANGE_CM,
          "muac_cm": MUAC_RANGE_CM}


class MeasureField(forms.DecimalField):
    """A number typed in kg/lb or cm/in (localized: '72,5' in Spanish); cleans to metric.

    The range is checked on the metric value, and explained in the unit the member typed.
    """

    def __init__(self, *, quantity, units, metric_range, **kwargs):
        self.quantity, self.units, self.metric_range = quantity, units, metric_range
        kwargs.setdefault("required", False)
        super().__init__(localize=True, **kwargs)  # any precision: stored rounded to 0.01
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "class": "number"})

    def clean(self, value):
        typed = super().clean(value)
        if typed is None:
            return None
        metric = to_metric(self.quantity, self.units, typed)
        low, high = self.metric_range
        if not low <= metric <= high:
            raise forms.ValidationError(self.range_message(), code="out_of_range")
        return metric

    def range_message(self):
        low, high = self.metric_range
        # Rounded inwards, so that both numbers of the message are themselves accepted.
        shown_low = to_display(self.quantity, self.units, low)
        shown_high = to_display(self.quantity, self.units, high)
        exact_low = to_metric(self.quantity, self.units, shown_low)
        exact_high = to_metric(self.quantity, self.units, shown_high)
        if exact_low < low:
            shown_low = (shown_low + SHOWN).quantize(SHOWN, rounding=ROUND_CEILING)
        if exact_high > high:
            shown_high = (shown_high - SHOWN).quantize(SHOWN, rounding=ROUND_FLOOR)
        return _("Enter a number from %(low)s to %(high)s %(unit)s.") % {
            "low": formats.number_format(shown_low, use_l10n=True),
            "high": formats.number_format(shown_high, use_l10n=True),
            "unit": symbol(self.quantity, self.units)}


class MeasurementForm(EntryForm):
    # Which units the numbers were typed in: an entry queued offline is read as it was typed,
    # even if the member changes the preference before it is sent.
    units = forms.ChoiceField(choices=Units.choices, widget=forms.HiddenInput, required=False)

    class Meta:
        model = Measurement
        fields = ["weight_kg", "weight_method", "oedema", "calf_left_cm", "calf_right_cm", "calf_position",
                  "muac_cm", "muac_side", "note", "occurred_at"]
        widgets = {"weight_method": forms.RadioSelect, "calf_position": forms.RadioSelect,
                   "muac_side": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        posted = self.data.get("units") if self.is_bound else None
        self.display_units = posted if posted in Units.values else units_for(user)
        self.initial["units"] = self.display_units
        for name, (quantity, labels) in LABELS.items():
            field = MeasureField(quantity=quantity, units=self.display_units, metric_range=RANGES[name],
                                 label=labels[symbol(quantity, self.display_units)],
                                 help_text=self.fields[name].help_text)
            self.fields[name] = field
            stored = getattr(self.instance, name)
            if stored is not None:
                self.initial[name] = to_display(quantity, self.display_units, stored)
        for name in ("weight_method", "calf_position", "muac_side"):
            self.fields[name].choices = self.fields[name].choices[1:]  # no empty radio button
        if self.instance._state.adding:
            self._remember_last_choices()

    def _remember_last_choices(self):
        """Start from how it was done last time: the same scale, the same position."""
        last = (Measurement.objects.alive().filter(patient=self.instance.patient)
                .order_by("-occurred_at").values("weight_method", "calf_position", "muac_side").first())
        for name, value in (last or {}).items():
            if value:
                self.initial.setdefault(name, value)


class NutritionForm(EntryForm):
    class Meta:
        model = NutritionEntry
        fields = ["meal", "portion", "protein_servings", "fluids_ml", "coughing_or_choking", "supplement",
                  "occurred_at"]
        widgets = {"meal": forms.RadioSelect, "portion": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meal"].choices = NutritionEntry.Meal.choices
        self.fields["portion"].choices = NutritionEntry.Portion.choices
        self.fields["portion"].required = False  # required unless only drinks: the model says so
        for name in ("protein_servings", "fluids_ml"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "class": "number"})
        if self.instance._state.adding:
            self.initial.setdefault("meal", guess_meal(self.instance.patient))


# Hours (patient's clock) when a meal is most likely: a guess the member can change in one tap.
MEAL_HOURS = ((range(5, 11), NutritionEntry.Meal.BREAKFAST), (range(11, 16), NutritionEntry.Meal.LUNCH),
              (range(18, 22), NutritionEntry.Meal.DINNER))


def guess_meal(patient, now=None):
    try:
        zone = zoneinfo.ZoneInfo(patient.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    hour = (now or timezone.now()).astimezone(zone).hour
    return next((meal for hours, meal in MEAL_HOURS if hour in hours), NutritionEntry.Meal.SNACK)


class UnitsForm(forms.ModelForm):
    class Meta:
        model = DisplayPreferences
        fields = ["units"]
        widgets = {"units": forms.RadioSelect}
        labels = {"units": _("Show measurements in")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = Units.choices

