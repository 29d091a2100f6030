from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    """Free notes and hand-offs: what the next person should know."""

    name = "core.notes"
    label = "notes"
    verbose_name = _("Notes and hand-offs")

    def ready(self):
        from core.logs import registry

        from .display import summary
        from .forms import NoteForm
        from .models import Note

        registry.register(registry.LogKind(kind=Note.KIND, label=_("Note or hand-off"), model=Note,
                                           form=NoteForm, order=90, summary=summary))
