from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogsConfig(AppConfig):
    """What is done at the bedside: the shared base of every log, the registry of
    log kinds, the timeline, and the repositioning log."""

    name = "core.logs"
    label = "logs"
    verbose_name = _("Bedside logs")

    def ready(self):
        from . import lines, registry
        from .forms import RepositioningForm
        from .models import Repositioning

        registry.register(registry.LogKind(
            kind="repositioning", label=_("Repositioning"), model=Repositioning, form=RepositioningForm,
            order=10, guide="repositioning", reminder_kind="repositioning", answers_due_reminder=True,
            summary=lines.repositioning_summary))
