from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Screening scales: Braden pressure-injury risk, mobility and strength checks, SARC-F."""

    name = "core.assessments"
    label = "assessments"
    verbose_name = _("Risk, mobility and strength")

    def ready(self):
        from core.logs import registry

        from .display import braden_summary, mobility_summary, sarc_f_summary
        from .forms import BradenForm, MobilityForm, SarcFForm
        from .models import BradenAssessment, MobilityCheck, SarcF

        registry.register(registry.LogKind(
            kind=BradenAssessment.KIND, label=_("Bedsore risk (Braden)"), model=BradenAssessment, form=BradenForm,
            order=40, guide="braden", template="assessments/braden_form.html", summary=braden_summary))
        registry.register(registry.LogKind(
            kind=MobilityCheck.KIND, label=_("Strength and walking check"), model=MobilityCheck, form=MobilityForm,
            order=50, guide="mobility_check", reminder_kind="mobility_check",
            template="assessments/mobility_form.html", summary=mobility_summary))
        registry.register(registry.LogKind(
            kind=SarcF.KIND, label=_("Muscle loss questions (SARC-F)"), model=SarcF, form=SarcFForm,
            order=55, guide="mobility_check", template="assessments/sarc_f_form.html",
            summary=sarc_f_summary))
