"""Forms for the three checks. Scores are computed on the model, never typed.

A computed field (``total``, ``mrc``) is listed in a form's Meta only so that the
shared entry page shows it (it lists the form's Meta fields); the form itself drops it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.logs.forms import EntryForm

from . import scales
from .models import BradenAssessment, MobilityCheck, SarcF

CHOOSE_ONE = _("Choose one answer.")
NUMERIC = {"inputmode": "numeric"}


class ScaleItemsMixin:
    """Radio groups for items scored on a scale, with each level's plain explanation."""

    ITEMS = ()

    def setup_items(self):
        for item in self.ITEMS:
            field = self.fields[item.key]
            field.choices = item.choices  # no empty "---------" radio
            field.required = True
            field.error_messages["required"] = CHOOSE_ONE

    def items(self):
        for item in self.ITEMS:
            bound = self[item.key]
            yield bound, item, list(zip(bound, item.levels))


class BradenForm(ScaleItemsMixin, EntryForm):
    ITEMS = scales.BRADEN_SUBSCALES

    class Meta:
        model = BradenAssessment
        fields = ["total", *scales.BRADEN, "occurred_at"]
        widgets = {key: forms.RadioSelect for key in scales.BRADEN}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["total"]
        self.setup_items()


class SarcFForm(ScaleItemsMixin, EntryForm):
    ITEMS = scales.SARC_F_ITEMS

    class Meta:
        model = SarcF
        fields = ["total", *scales.SARC_F, "falls_past_year", "occurred_at"]
        widgets = {**{key: forms.RadioSelect for key in scales.SARC_F},
                   "falls_past_year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0,
                                                               "max": scales.FALLS_MAX})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["total"]
        self.setup_items()
        self.fields["falls_past_year"].label = _("Falls in the past year")
        self.fields["falls_past_year"].error_messages["required"] = _("Enter a number; 0 if none.")


def mrc_field_name(key):
    return f"mrc_{key}"


class MobilityForm(EntryForm):
    mrc_grades = scales.MRC_GRADES
    side_labels = [label for _key, label in scales.SIDES]

    class Meta:
        model = MobilityCheck
        fields = ["mrc", "mrc_by_professional", "chair_stand", "chair_stand_used_arms", "tug_seconds", "tug_aid",
                  "fac", "walk_distance_m", "walk_steps", "walk_seconds", "walk_aid", "walk_helpers", "note",
                  "occurred_at"]
        widgets = {
            "fac": forms.RadioSelect,
            "chair_stand": forms.NumberInput(attrs={**NUMERIC, "min": 0, "max": scales.CHAIR_STAND_MAX}),
            "tug_seconds": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1",
                                                    "min": scales.TUG_MIN, "max": scales.TUG_MAX}),
            "walk_distance_m": forms.NumberInput(attrs=NUMERIC),
            "walk_steps": forms.NumberInput(attrs=NUMERIC),
            "walk_seconds": forms.NumberInput(attrs=NUMERIC),
            "walk_helpers": forms.NumberInput(attrs={**NUMERIC, "min": 0, "max": scales.WALK_HELPERS_MAX}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["mrc"]
        grades = [("", "—")] + [(grade.score, str(grade.score)) for grade in scales.MRC_GRADES]
        sides = dict(scales.SIDES)
        for group, label in scales.MRC_GROUPS:
            for side in sides:
                key = f"{group}_{side}"
                self.fields[mrc_field_name(key)] = forms.TypedChoiceField(
                    label=f"{label} · {sides[side]}", choices=grades, coerce=int, empty_value=None, required=False)
                if self.instance.mrc:
                    self.initial.setdefault(mrc_field_name(key), self.instance.mrc.get(key))
        self.fields["fac"].choices = [("", _("Not checked"))] + scales.FAC_CHOICES
        # Shorter labels inside their section; the entry page keeps the full names.
        self.fields["chair_stand"].label = _("Number of stands")
        self.fields["chair_stand"].help_text = ""  # the section says how
        self.fields["tug_seconds"].label = _("Time in seconds")
        for name in ("tug_aid", "walk_aid"):
            self.fields[name].choices = [("", "—")] + list(scales.WalkingAid.choices)

    def clean(self):
        cleaned = super().clean()
        self.instance.mrc = {key: cleaned[mrc_field_name(key)] for key in scales.MRC_KEYS
                             if cleaned.get(mrc_field_name(key)) is not None}
        return cleaned

    def mrc_rows(self):
        return [(label, [self[mrc_field_name(f"{group}_{side}")] for side, _side in scales.SIDES])
                for group, label in scales.MRC_GROUPS]
