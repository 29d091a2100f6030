"""Checking what a browser sends when it turns on notifications.

The worker will POST to the endpoint it gives, so the endpoint must be a real push
service: https, and never an address inside our own network (a member could
otherwise make the server send requests to internal machines). Plain http is
accepted only for this machine while developing or testing, where the fake push
service listens. The keys must have the sizes Web Push encryption needs.
"""

import base64
import binascii
import ipaddress
import json
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def loopback_allowed():
    return bool(settings.DEBUG or getattr(settings, "TESTING", False))


def _b64url(value):
    value = value.strip()
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return b""


class PushSubscriptionForm(forms.Form):
    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=200)
    auth = forms.CharField(max_length=100)
    device = forms.CharField(max_length=120, required=False)

    def clean_endpoint(self):
        endpoint = self.cleaned_data["endpoint"]
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        if host in LOOPBACK_NAMES or _is_loopback(host):
            if parts.scheme in ("http", "https") and loopback_allowed():
                return endpoint
            raise forms.ValidationError(_("This is not the address of a push service."))
        if parts.scheme != "https":
            raise forms.ValidationError(_("A push service address starts with https://."))
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            if "." not in host:
                raise forms.ValidationError(_("This is not the address of a push service.")) from None
        else:
            if not address.is_global:
                raise forms.ValidationError(_("This is not the address of a push service."))
        return endpoint

    def clean_p256dh(self):
        raw = _b64url(self.cleaned_data["p256dh"])
        try:
            if len(raw) != 65 or raw[0] != 4:
                raise ValueError
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        except ValueError:
            raise forms.ValidationError(_("The browser sent a key that cannot be used.")) from None
        return self.cleaned_data["p256dh"].strip().rstrip("=")

    def clean_auth(self):
        if len(_b64url(self.cleaned_data["auth"])) != 16:
            raise forms.ValidationError(_("The browser sent a key that cannot be used."))
        return self.cleaned_data["auth"].strip().rstrip("=")

    def clean_device(self):
        return " ".join(self.cleaned_data["device"].split())


def _is_loopback(host):
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_json(request):
    return request.content_type == "application/json"


def posted_data(request):
    """Form fields from a form POST, or from the JSON of ``PushSubscription.toJSON()``
    (``{"endpoint", "keys": {"p256dh", "auth"}}``, plus our ``device``)."""
    if not is_json(request):
        return request.POST
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    fields = {"endpoint": data.get("endpoint"), "p256dh": keys.get("p256dh", data.get("p256dh")),
              "auth": keys.get("auth", data.get("auth")), "device": data.get("device"),
              "subscription": data.get("subscription"), "replaces": data.get("replaces")}
    return {name: value for name, value in fields.items() if isinstance(value, (str, int))}
