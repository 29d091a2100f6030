from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkinConfig(AppConfig):
    """Skin (pressure-injury) checks on a body map, wound findings, photos, PUSH score."""

    name = "core.skin"
    label = "skin"
    verbose_name = _("Skin checks")
