"""The member's display units (kg and cm, or lb and in). Measurements themselves are added,
shown and edited by the generic log views (core.logs), which this app registers with."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import UnitsForm
from .models import DisplayPreferences


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def units(request):
    preferences = (DisplayPreferences.objects.filter(user=request.user).first()
                   or DisplayPreferences(user=request.user))
    form = UnitsForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Measurements are now shown in %(units)s.") % {
            "units": preferences.get_units_display()})
        return redirect(_safe_next(request) or "measurements:units")
    return render(request, "measurements/units.html", {"form": form, "next": _safe_next(request)})
