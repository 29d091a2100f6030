from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    """Free notes and hand-offs: what the next person should know."""

    name = "core.notes"
    label = "notes"
    verbose_name = _("Notes and hand-offs")
