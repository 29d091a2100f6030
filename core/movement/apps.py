from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementConfig(AppConfig):
    """Passive range-of-motion: the routine in the care plan and the guided session."""

    name = "core.movement"
    label = "movement"
    verbose_name = _("Passive movement")

    def ready(self):
        from core.logs import registry

        from .display import summary
        from .forms import PromSessionForm
        from .models import PromSession

        # "Log → Passive movement" and the passive-movement reminder open the guided session.
        registry.register(registry.LogKind(
            kind=PromSession.KIND, label=_("Passive movement"), model=PromSession, form=PromSessionForm,
            order=20, guide="passive_movement", reminder_kind="passive_movement", new_url="movement:start",
            summary=summary))
