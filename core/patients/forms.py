from django import forms
from django.utils.translation import gettext_lazy as _

from core.accounts.models import time_zone_choices
from core.photos import clean_image

from .models import Condition, Invitation, Patient, Role, current_year


class PatientForm(forms.ModelForm):
    conditions = forms.MultipleChoiceField(
        label=_("Conditions"), choices=Condition.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.ChoiceField(label=_("Patient’s time zone"), choices=time_zone_choices,
                                  help_text=_("Reminders follow the clock where the patient is."))
    photo = forms.FileField(
        label=_("Photo"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("Optional. Only members of this care circle can see it."),
    )

    class Meta:
        model = Patient
        fields = ["display_name", "year_of_birth", "sex", "conditions", "usual_mobility",
                  "time_zone", "notes", "photo"]
        widgets = {
            "year_of_birth": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1900}),
            "usual_mobility": forms.RadioSelect,
            "sex": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's own min=0 for positive numbers would override the widget's.
        self.fields["year_of_birth"].widget.attrs.update(min=1900, max=current_year())
        self.fields["sex"].choices = [("", _("Not given"))] + list(self.fields["sex"].choices)[1:]
        self.fields["sex"].required = False
        self._new_thumb = None

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload is False:  # "clear" ticked
            return False
        if not upload or upload == self.instance.photo:
            return upload
        photo, self._new_thumb = clean_image(upload)
        return photo

    def save(self, commit=True):
        patient = super().save(commit=False)
        if self.cleaned_data.get("photo") is False or self._new_thumb:
            old = Patient.objects.filter(pk=patient.pk).first() if patient.pk else None
            if old:
                old.delete_photo_files()
            patient.photo_thumb = self._new_thumb or ""
        if commit:
            patient.save()
        return patient


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["role", "note"]
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
