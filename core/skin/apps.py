from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkinConfig(AppConfig):
    """Skin (pressure-injury) checks on a body map, wound findings, photos, PUSH score."""

    name = "core.skin"
    label = "skin"
    verbose_name = _("Skin checks")

    def ready(self):
        from core.logs import registry

        from .display import summary
        from .forms import SkinCheckForm
        from .models import SkinCheck

        # The bedside flow (body map, all clear, photos) replaces the generic "new" page;
        # the generic detail, edit and delete pages still work for a check.
        registry.register(registry.LogKind(
            kind=SkinCheck.KIND, label=_("Skin check"), model=SkinCheck, form=SkinCheckForm, order=20,
            guide="skin_check", reminder_kind="skin_check", new_url="skin:new", summary=summary))
