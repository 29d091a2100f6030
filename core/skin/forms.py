"""The skin-check forms: the check itself (for the generic edit page) and a finding
with its photos, saved together or not at all."""

import uuid
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.logs.forms import EntryForm
from core.logs.models import CLOCK_SKEW
from core.photos import clean_image

from .models import Finding, SkinCheck, WoundPhoto
from .staging import CATEGORY_HINTS, Site

MAX_PHOTOS = 3
TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
MAX_DELAY = timedelta(days=2)  # an "all clear" queued offline longer than this is dated when it arrives

# Shown straight away; everything else waits in "More details".
MAIN_FIELDS = ["site", "site_other", "side", "blanch", "category", "periwound_inflamed", "photos"]
DETAIL_FIELDS = ["length_cm", "width_cm", "exudate_amount", "exudate_type", "tissue", "odour", "pain",
                 "healing", "device_related", "device", "note", "occurred_at"]


class SkinCheckForm(EntryForm):
    """Edits a check's time and note; whether it was all clear follows from its findings."""

    class Meta:
        model = SkinCheck
        fields = ["all_clear", "note", "occurred_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["all_clear"].disabled = True


class AllClearForm(forms.Form):
    """The one-tap button: the page's entry id, and the time the page was opened.

    The time matters when the tap waited on the phone for a signal: the check happened
    then, not when it reached the server. A missing or impossible time means "now".
    """

    entry_id = forms.UUIDField()
    occurred_at = forms.DateTimeField(required=False, input_formats=TIME_FORMATS)

    def clean_occurred_at(self):
        value = self.cleaned_data.get("occurred_at")
        now = timezone.now()
        if value is None or value > now + CLOCK_SKEW or value < now - MAX_DELAY:
            return now
        return value


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to three photos at once, each through the one photo pipeline."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={
            "accept": "image/*", "capture": "environment", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(_("Add up to %(n)s photos at a time.") % {"n": MAX_PHOTOS}, code="too_many")
        cleaned, errors = [], []
        for number, upload in enumerate(uploads, start=1):
            try:
                super().clean(upload, initial)
                cleaned.append(clean_image(upload))
            except ValidationError as refused:
                errors.append(ValidationError(
                    _("Photo %(number)s (%(name)s): %(reason)s"),
                    params={"number": number, "name": (upload.name or "")[:40],
                            "reason": " ".join(refused.messages)}, code=refused.code))
        if errors:
            raise ValidationError(errors)
        return cleaned


class FindingForm(forms.ModelForm):
    """One finding of a skin check. With a new check, the check is created too.

    ``entry_id`` is the check's id and ``finding_id`` the finding's, both made when the
    page was drawn, so a double tap or a replay saves once.
    """

    entry_id = forms.UUIDField(widget=forms.HiddenInput)
    finding_id = forms.UUIDField(widget=forms.HiddenInput)
    occurred_at = forms.DateTimeField(
        label=_("When"), input_formats=TIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Now, unless you are writing it down later."))
    photos = MultiplePhotoField(
        label=_("Photos"), required=False,
        help_text=_("Up to 3. Only this care circle can see them. Place a ruler or tape next to the sore."))

    class Meta:
        model = Finding
        fields = ["site", "site_other", "side", "blanch", "category", "periwound_inflamed",
                  "length_cm", "width_cm", "exudate_amount", "exudate_type", "tissue", "odour", "pain",
                  "healing", "device_related", "device", "note"]
        widgets = {
            "side": forms.RadioSelect,
            "blanch": forms.RadioSelect,
            "category": forms.RadioSelect,
            "exudate_amount": forms.RadioSelect,
            "exudate_type": forms.RadioSelect,
            "tissue": forms.RadioSelect,
            "healing": forms.RadioSelect,
            "length_cm": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1", "min": "0.1",
                                                  "max": "50"}),
            "width_cm": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1", "min": "0.1",
                                                 "max": "50"}),
            "pain": forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "max": "10"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, patient, user, skin_check=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient, self.user, self.existing_check = patient, user, skin_check
        self.skin_check = None
        self.initial.setdefault("entry_id", skin_check.pk if skin_check else uuid.uuid4())
        self.initial.setdefault("finding_id", uuid.uuid4())
        self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))
        if skin_check is not None:
            # A finding added to an earlier check takes that check's time.
            self.fields["occurred_at"].required = False
            self.fields["occurred_at"].widget = forms.HiddenInput()
        self.fields["site"].choices = [("", _("Choose…"))] + Site.choices
        for name in ("blanch", "side"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["category"].choices = [
            (value, format_html('<span class="choice"><strong>{}</strong> <span class="hint">{}</span></span>',
                                label, CATEGORY_HINTS[value]))
            for value, label in self.fields["category"].choices if value]
        for name in ("exudate_amount", "exudate_type", "tissue", "healing"):
            self.fields[name].choices = [("", _("Not checked"))] + [c for c in self.fields[name].choices if c[0]]
        self.fields["device"].widget.attrs["placeholder"] = _("e.g. oxygen tube, splint")

    @property
    def details_have_errors(self):
        return any(name in self.errors for name in DETAIL_FIELDS)

    def main_fields(self):
        return [self[name] for name in MAIN_FIELDS]

    def detail_fields(self):
        return [self[name] for name in DETAIL_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if self.existing_check is not None:
            check = self.existing_check
        else:
            check = SkinCheck(patient=self.patient, recorded_by=self.user, all_clear=False,
                              occurred_at=cleaned.get("occurred_at") or timezone.now())
            if cleaned.get("entry_id"):
                check.id = cleaned["entry_id"]
            try:
                check.clean()
            except ValidationError as refused:
                for field, messages in refused.message_dict.items():
                    self.add_error("occurred_at" if field == "occurred_at" else None, messages)
        self.skin_check = check
        self.instance.skin_check = check
        return cleaned

    def save(self, commit=True):
        """Check (if new), finding and photos in one transaction; on failure, no file is left behind."""
        finding = super().save(commit=False)
        finding.id = self.cleaned_data["finding_id"]
        photos = self.cleaned_data.get("photos") or []
        written = []
        try:
            with transaction.atomic():
                check = self.skin_check
                if check._state.adding:
                    check.save()
                elif check.all_clear:
                    # Tapped "all clear", then found something after all: the check has a finding now.
                    check.all_clear = False
                    check.save()
                finding.skin_check = check
                finding.save()
                for photo, thumbnail in photos:
                    wound_photo = WoundPhoto(finding=finding)
                    wound_photo.photo.save(photo.name, photo, save=False)
                    written.append(wound_photo.photo)
                    wound_photo.thumbnail.save(thumbnail.name, thumbnail, save=False)
                    written.append(wound_photo.thumbnail)
                    wound_photo.save()
                check.refresh_timeline()
        except BaseException:
            for field in written:
                field.storage.delete(field.name)
            raise
        return finding
