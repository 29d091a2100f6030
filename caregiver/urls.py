from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("core.patients.urls")),
    path("", include("core.shell.urls")),
    path("", include("core.reminders.urls")),
    path("", include("core.logs.urls")),
    path("", include("core.skin.urls")),
    path("", include("core.assessments.urls")),
    path("", include("core.measurements.urls")),
    path("", include("core.notes.urls")),
    path("", include("core.movement.urls")),
    path("", include("core.progress.urls")),
    # django-pwa: /manifest.json, /serviceworker.js (ours, see PWA_SERVICE_WORKER_PATH), /offline/
    path("", include("pwa.urls")),
    path("accounts/", include("core.accounts.urls")),
    path("guidance/", include("core.guidance.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
