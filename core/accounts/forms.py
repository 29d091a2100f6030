from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from .models import User, time_zone_choices, validate_time_zone


class SignupForm(auth_forms.BaseUserCreationForm):
    # Filled in by the browser (Intl API); without JavaScript we start at UTC
    # and the member can change it in their settings.
    time_zone = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = User
        fields = ["email", "display_name", "language"]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. Log in, or reset your password."),
                code="duplicate_email",
            )
        return email

    def clean_time_zone(self):
        value = self.cleaned_data.get("time_zone") or ""
        try:
            validate_time_zone(value)
        except forms.ValidationError:
            return settings.TIME_ZONE
        return value

    def save(self, commit=True):
        user = super().save(commit=False)
        user.time_zone = self.cleaned_data["time_zone"]
        if commit:
            user.save()
        return user


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("That e-mail address and password do not match. Check both and try again."),
        "inactive": _("This account is not active."),
    }


class PreferencesForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = User
        fields = ["display_name", "language", "time_zone"]


class MemberPasswordResetForm(auth_forms.PasswordResetForm):
    """Sends the reset e-mail in the member's own language, not the requester's browser's."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        from django.utils import translation

        with translation.override(context["user"].language):
            super().send_mail(subject_template_name, email_template_name, context, from_email,
                              to_email, html_email_template_name)
