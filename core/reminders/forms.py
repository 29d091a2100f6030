import datetime
import re

from django import forms

from core.accounts.models import User
from django.utils.translation import gettext_lazy as _

from core.patients.models import Role

from .models import (SNOOZE_CHOICES, WEEKDAYS, Assignment, DutyShift, Kind, Occurrence, Recurrence,
                     ReminderPreferences, Schedule)
from .positions import Position

# Sensible starting points (clinical.md §3, §4, §1.3); every field stays editable.
PRESETS = {
    Kind.REPOSITIONING: {"recurrence": Recurrence.INTERVAL, "interval_hours": 2},
    Kind.PASSIVE_MOVEMENT: {"recurrence": Recurrence.TIMES, "times_of_day": "10:00, 17:00"},
    Kind.SKIN_CHECK: {"recurrence": Recurrence.TIMES, "times_of_day": "08:00"},
    Kind.MOBILITY_CHECK: {"recurrence": Recurrence.TIMES, "times_of_day": "11:00", "weekdays": [0]},
    Kind.MEAL: {"recurrence": Recurrence.TIMES, "times_of_day": "08:00, 13:00, 19:00"},
    Kind.CUSTOM: {"recurrence": Recurrence.TIMES, "times_of_day": "09:00"},
}
HINTS = {
    Kind.REPOSITIONING: _("Every 2 hours is a common starting point, not a rule: the right interval depends "
                          "on the person’s skin, mobility and mattress. Guidelines set outer limits: at least "
                          "every 6 hours for someone at risk of pressure sores, every 4 hours at high risk."),
    Kind.PASSIVE_MOVEMENT: _("Daily passive movement keeps joints supple; a session can be split over the day."),
    Kind.SKIN_CHECK: _("At home, check the skin at least once a day."),
}


class HoursField(forms.DecimalField):
    """Hours on screen, minutes in the database."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0.25, max_value=168, decimal_places=2, **kwargs)
        self.widget.attrs.update({"step": "0.25", "inputmode": "decimal"})

    def prepare_value(self, value):
        return value


class ScheduleForm(forms.ModelForm):
    interval_hours = HoursField(label=_("Every (hours)"), required=False)
    night_interval_hours = HoursField(label=_("At night, every (hours)"), required=False)
    times_of_day = forms.CharField(
        label=_("Times of day"), required=False, max_length=200,
        help_text=_("Separate times with commas, e.g. 08:00, 13:00, 20:00"))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Only on these days"), choices=WEEKDAYS, coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked means every day."))

    class Meta:
        model = Schedule
        fields = ["kind", "title", "recurrence", "interval_hours", "night_interval_hours", "night_starts",
                  "night_ends", "times_of_day", "weekdays", "starts_at", "ends_at", "assignment", "assignee",
                  "escalate_after_minutes"]
        widgets = {
            "kind": forms.RadioSelect, "recurrence": forms.RadioSelect, "assignment": forms.RadioSelect,
            "night_starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "night_ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "escalate_after_minutes": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.patient = patient
        # Only people who give care in this circle can be assigned (never someone else's member).
        self.fields["assignee"].queryset = User.objects.filter(
            memberships__patient=patient, memberships__role__in=[Role.OWNER, Role.CAREGIVER])
        self.fields["assignee"].required = False
        self.fields["kind"].choices = Kind.choices
        self.fields["recurrence"].choices = Recurrence.choices
        self.fields["assignment"].choices = Assignment.choices
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            self.initial.setdefault("interval_hours", _hours(self.instance.interval_minutes))
            self.initial.setdefault("night_interval_hours", _hours(self.instance.night_interval_minutes))
            self.initial.setdefault("times_of_day", ", ".join(self.instance.times_of_day))

    def clean_times_of_day(self):
        # Phones type Arabic commas and Eastern Arabic digits; read them like their ASCII twins.
        raw = (self.cleaned_data.get("times_of_day", "") or "").translate(LOCAL_DIGITS)
        times = []
        for part in [p.strip() for p in re.split(r"[,;،؛\s]+", raw) if p.strip()]:
            try:
                parsed = datetime.time.fromisoformat(part if len(part) > 2 else f"{int(part):02d}:00")
            except ValueError:
                raise forms.ValidationError(_("“%(value)s” is not a time. Write times like 08:00 or 20:30."),
                                            params={"value": part}) from None
            times.append(parsed.strftime("%H:%M"))
        return times

    def clean(self):
        cleaned = super().clean()
        hours = cleaned.get("interval_hours")
        night_hours = cleaned.get("night_interval_hours")
        self.instance.interval_minutes = int(hours * 60) if hours else None
        self.instance.night_interval_minutes = int(night_hours * 60) if night_hours else None
        if cleaned.get("recurrence") == Recurrence.TIMES:
            self.instance.interval_minutes = None
            self.instance.night_interval_minutes = None
        if cleaned.get("recurrence") == Recurrence.INTERVAL:
            cleaned["times_of_day"] = []
        if cleaned.get("assignment") != Assignment.MEMBER:
            cleaned["assignee"] = None
        return cleaned

    def _update_errors(self, errors):
        # The model speaks of minutes; the person typed hours: show its errors on their field.
        if hasattr(errors, "error_dict"):
            for model_field, form_field in (("interval_minutes", "interval_hours"),
                                            ("night_interval_minutes", "night_interval_hours")):
                moved = errors.error_dict.pop(model_field, [])
                if moved and form_field not in self._errors:
                    errors.error_dict.setdefault(form_field, []).extend(moved)
        super()._update_errors(errors)


LOCAL_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _hours(minutes):
    if not minutes:
        return None
    hours = minutes / 60
    return int(hours) if hours == int(hours) else round(hours, 2)


class DoneForm(forms.Form):
    position = forms.ChoiceField(label=_("New position"), choices=Position.choices, required=False,
                                 widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class SnoozeForm(forms.Form):
    minutes = forms.TypedChoiceField(choices=[(m, m) for m in SNOOZE_CHOICES], coerce=int)


class SkipForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why is it skipped?"), choices=Occurrence.SkipReason.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class DutyShiftForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days"), choices=WEEKDAYS, coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means every day."))

    class Meta:
        model = DutyShift
        fields = ["member", "weekdays", "starts", "ends"]
        widgets = {"starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                   "ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.patient = patient
        self.fields["member"].queryset = User.objects.filter(
            memberships__patient=patient, memberships__role__in=[Role.OWNER, Role.CAREGIVER])


class ReminderPreferencesForm(forms.ModelForm):
    class Meta:
        model = ReminderPreferences
        fields = ["email", "quiet_starts", "quiet_ends"]
        widgets = {"quiet_starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                   "quiet_ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
