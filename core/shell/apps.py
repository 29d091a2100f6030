from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShellConfig(AppConfig):
    """The app's frame: navigation, the installable PWA parts, the offline page."""

    name = "core.shell"
    label = "shell"
    verbose_name = _("App shell")
