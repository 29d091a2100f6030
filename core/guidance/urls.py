from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.index, name="index"),
    path("red-flags/", views.red_flags, name="red_flags"),
    path("<slug:slug>/", views.article, name="article"),
]
