from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementConfig(AppConfig):
    """Passive range-of-motion: the routine in the care plan and the guided session."""

    name = "core.movement"
    label = "movement"
    verbose_name = _("Passive movement")
