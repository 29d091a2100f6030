from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementsConfig(AppConfig):
    """Weight, calf and mid-upper-arm circumference; nutrition and swallowing notes."""

    name = "core.measurements"
    label = "measurements"
    verbose_name = _("Measurements and nutrition")
