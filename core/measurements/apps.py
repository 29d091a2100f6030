from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementsConfig(AppConfig):
    """Weight, calf and mid-upper-arm circumference; nutrition and swallowing notes."""

    name = "core.measurements"
    label = "measurements"
    verbose_name = _("Measurements and nutrition")

    def ready(self):
        from core.logs import registry

        from .display import measurement_summary, nutrition_summary
        from .forms import MeasurementForm, NutritionForm
        from .models import Measurement, NutritionEntry

        registry.register(registry.LogKind(
            kind=Measurement.KIND, label=_("Weight and measurements"), model=Measurement, form=MeasurementForm,
            order=50, guide="weight", template="measurements/measurement_form.html",
            summary=measurement_summary))
        registry.register(registry.LogKind(
            kind=NutritionEntry.KIND, label=_("Meal and drinks"), model=NutritionEntry, form=NutritionForm,
            order=40, guide="swallowing", reminder_kind="meal", summary=nutrition_summary))
