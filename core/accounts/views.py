from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import PreferencesForm, SignupForm


def _safe_next(request, fallback="shell:start"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return fallback


def _remember_language(response, language):
    # The cookie keeps the member's language after they log out on this phone.
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600,
                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
    return response


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            translation.activate(user.language)
            messages.success(request, _("Welcome to Tend, %(name)s.") % {"name": user.display_name})
            return _remember_language(redirect(_safe_next(request)), user.language)
    else:
        form = SignupForm(initial={"language": translation.get_language()})
    return render(request, "accounts/signup.html", {"form": form, "next": _safe_next(request, "")})


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        messages.success(request, _("Your settings are saved."))
        return _remember_language(redirect("accounts:preferences"), user.language)
    return render(request, "accounts/preferences.html", {"form": form})
