from django import forms

from core.logs.forms import EntryForm

from .models import TEXT_MAX, Note


class NoteForm(EntryForm):
    class Meta:
        model = Note
        fields = ["text", "handoff", "occurred_at"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX})}
