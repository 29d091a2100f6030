"""The routine editor, the start of a session and one step of it."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from core.logs.forms import EntryForm

from . import catalogue
from .catalogue import (
    DEFAULT_REPS, MAX_REPS, MAX_REPS_DONE, MIN_REPS, MOVEMENTS, PAIN_CHOICES, AffectedSide, RoutineSides,
    Side, StopReason,
)
from .models import PromSession


class RoutineForm(forms.Form):
    """One row per movement: included or not, which sides, how many repetitions."""

    affected_side = forms.ChoiceField(label=_("Weak side after a stroke"), choices=AffectedSide.choices,
                                      required=False, widget=forms.RadioSelect,
                                      help_text=_("Optional. Shoulder steps remind you to protect this arm."))

    def __init__(self, *args, routine, **kwargs):
        self.routine = routine
        initial = {"affected_side": routine.affected_side}
        chosen = {item["movement"]: item for item in routine.items}
        for code in MOVEMENTS:
            item = chosen.get(code)
            initial[f"include_{code}"] = item is not None
            initial[f"sides_{code}"] = item["sides"] if item else RoutineSides.BOTH
            initial[f"reps_{code}"] = item["reps"] if item else DEFAULT_REPS
        super().__init__(*args, initial=initial, **kwargs)
        for code, movement in MOVEMENTS.items():
            self.fields[f"include_{code}"] = forms.BooleanField(label=movement.label, required=False)
            if movement.bilateral:
                self.fields[f"sides_{code}"] = forms.ChoiceField(
                    label=_("Sides"), choices=RoutineSides.choices, required=False)
            self.fields[f"reps_{code}"] = forms.IntegerField(
                label=_("Repetitions"), min_value=MIN_REPS, max_value=MAX_REPS, required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    def groups(self):
        """[(group, [(movement, include, sides or None, reps)])] of bound fields, for the template."""
        return [(group, [(m, self[f"include_{m.code}"], self[f"sides_{m.code}"] if m.bilateral else None,
                          self[f"reps_{m.code}"]) for m in movements])
                for group, movements in catalogue.by_group()]

    def clean(self):
        data = super().clean()
        items = []
        for code, movement in MOVEMENTS.items():
            if not data.get(f"include_{code}"):
                continue
            reps = data.get(f"reps_{code}")
            if reps is None:
                if f"reps_{code}" not in self.errors:
                    self.add_error(f"reps_{code}", _("How many times? For example 10."))
                continue
            sides = (data.get(f"sides_{code}") if movement.bilateral else None) or RoutineSides.BOTH
            items.append({"movement": code, "sides": sides, "reps": reps})
        if not items and not self.errors:
            raise forms.ValidationError(_("Choose at least one movement."))
        data["items"] = items
        return data

    def save(self, user):
        routine = self.routine
        routine.items = self.cleaned_data["items"]
        routine.affected_side = self.cleaned_data.get("affected_side") or ""
        routine.updated_by = user
        routine.full_clean(exclude=["patient"])
        routine.save()
        return routine


class StartForm(forms.Form):
    """The client-generated id makes a replayed "Start" find the same session."""

    session_id = forms.UUIDField(widget=forms.HiddenInput)
    occurrence = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("session_id", uuid.uuid4())


class Action:
    DONE = "done"
    SKIP = "skip"
    STOP = "stop"
    END = "end"
    CHOICES = [(DONE, _("Done")), (SKIP, _("Skip")), (STOP, _("Stop")), (END, _("End the session now"))]


class StepForm(forms.Form):
    movement = forms.ChoiceField(choices=catalogue.MOVEMENT_CHOICES, widget=forms.HiddenInput)
    side = forms.ChoiceField(choices=Side.choices, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=Action.CHOICES, initial=Action.DONE)
    reps_done = forms.IntegerField(
        label=_("Repetitions done"), min_value=0, max_value=MAX_REPS_DONE, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "data-counter": ""}))
    pain = forms.TypedChoiceField(
        label=_("Pain, if any (0 = none, 10 = worst)"), choices=PAIN_CHOICES, coerce=int, empty_value=None,
        required=False, widget=forms.RadioSelect)
    stop_reason = forms.ChoiceField(
        label=_("Stopped because"), choices=[("", _("Not stopping"))] + StopReason.choices, required=False, initial="",
        widget=forms.RadioSelect(attrs={"data-stop-reason": ""}))
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def __init__(self, *args, session, **kwargs):
        self.session = session
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == Action.END:
            return data
        movement, side = data.get("movement"), data.get("side")
        if movement and side:
            step = self.session.step_for(movement, side)
            if step is None:
                raise forms.ValidationError(_("This movement is not part of this session."), code="unknown_step")
            data["step"] = step
        reason = data.get("stop_reason")
        if action == Action.STOP and not reason:
            self.add_error("stop_reason", _("Choose why you stopped, then tap “Stop”."))
        elif action in (Action.DONE, Action.SKIP) and reason:
            self.add_error("stop_reason", _("You chose a reason to stop. Tap “Stop” to stop here, "
                                            "or choose “Not stopping”."))
        return data


class PromSessionForm(EntryForm):
    """What may be changed afterwards from the timeline: when it was, and a note."""

    class Meta:
        model = PromSession
        fields = ["note", "occurred_at"]
