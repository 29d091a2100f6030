from django.urls import path

from . import views

app_name = "shell"

urlpatterns = [
    path("today/", views.start, name="start"),
    path("app-shell.json", views.app_shell, name="app_shell"),
]
