from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Screening scales: Braden pressure-injury risk, mobility and strength checks, SARC-F."""

    name = "core.assessments"
    label = "assessments"
    verbose_name = _("Risk, mobility and strength")
