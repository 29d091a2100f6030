"""The frame's own pages: where the app starts, the list the service worker
precaches (the patient pages live in their own features: Today, Log, Progress).
The offline page itself is django-pwa's view rendering our templates/offline.html."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control

from core.patients.access import current_patient

# Static files the service worker keeps so the frame and offline page work with no signal.
SHELL_STATIC = ["css/app.css", "js/app.js", "icons/icon-192.png", "icons/favicon.svg"]


@login_required
def start(request):
    """Where the installed app opens: the current patient's Today page."""
    patient = current_patient(request)
    if patient is None:
        return redirect("patients:list")
    return redirect("reminders:today", patient_id=patient.pk)


@cache_control(no_cache=True)
def app_shell(request):
    """The list the service worker precaches: it resolves hashed static names for us."""
    return JsonResponse({
        "language": translation.get_language(),
        "offline": reverse("offline"),
        # The red flags must open with no signal, from any page.
        "urls": [reverse("offline"), reverse("guidance:red_flags")]
        + [static(path) for path in SHELL_STATIC],
    })
