from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    """Charts of trends, drawn on the server as SVG, each with a table alternative."""

    name = "core.progress"
    label = "progress"
    verbose_name = _("Progress")
