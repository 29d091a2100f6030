"""The base of every log form: a client-generated id and "when it happened"."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.reminders.positions import Position

from .models import Repositioning


class EntryForm(forms.ModelForm):
    entry_id = forms.UUIDField(widget=forms.HiddenInput)
    occurred_at = forms.DateTimeField(
        label=_("When"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Now, unless you are writing it down later."))

    def __init__(self, *args, patient, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.patient = patient
        if not self.instance.recorded_by_id:
            self.instance.recorded_by = user
        if self.instance._state.adding:
            self.initial.setdefault("entry_id", uuid.uuid4())
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))
        else:
            self.fields["entry_id"].required = False
            self.initial["entry_id"] = self.instance.pk

    def save(self, commit=True):
        entry = super().save(commit=False)
        if entry._state.adding:
            entry.id = self.cleaned_data["entry_id"]
        if commit:
            entry.save()
        return entry


class RepositioningForm(EntryForm):
    class Meta:
        model = Repositioning
        fields = ["position", "heels_floated", "skin_concern", "note", "occurred_at"]
        widgets = {"position": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = Position.choices
        self.fields["position"].required = True
