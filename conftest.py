"""Shared test fixtures: one patient with a member of every role, and a stranger.

Test settings are changed here, in one place, rather than in a second settings
module: plain static storage (no collectstatic needed), a fast password hasher,
and a throwaway folder for private photos.
"""

import os
import tempfile

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + ORM in one test


settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
settings.PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="tend-test-media-")
settings.SECURE_SSL_REDIRECT = False
settings.SESSION_COOKIE_SECURE = False
settings.CSRF_COOKIE_SECURE = False
settings.ALLOWED_HOSTS = ["*"]

PASSWORD = "correct horse battery 42"


def make_user(email, name, **extra):
    from core.accounts.models import User

    return User.objects.create_user(email, PASSWORD, display_name=name, **extra)


@pytest.fixture
def circle(db):
    """A patient with an owner, a caregiver and a viewer, plus a stranger with a patient of their own."""
    from core.patients.models import Membership, Patient, Role

    owner = make_user("owner@example.org", "Olivia")
    caregiver = make_user("carer@example.org", "Carlos")
    viewer = make_user("viewer@example.org", "Vera")
    stranger = make_user("stranger@example.org", "Sam")
    patient = Patient.objects.create(display_name="Rosa", time_zone="Europe/Madrid")
    other = Patient.objects.create(display_name="Other patient")
    Membership.objects.create(patient=patient, user=owner, role=Role.OWNER)
    Membership.objects.create(patient=patient, user=caregiver, role=Role.CAREGIVER)
    Membership.objects.create(patient=patient, user=viewer, role=Role.VIEWER)
    Membership.objects.create(patient=other, user=stranger, role=Role.OWNER)

    class Circle:
        pass

    c = Circle()
    c.patient, c.other_patient = patient, other
    c.owner, c.caregiver, c.viewer, c.stranger = owner, caregiver, viewer, stranger
    c.users = {"owner": owner, "caregiver": caregiver, "viewer": viewer, "stranger": stranger}
    return c


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user (None: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture(autouse=True)
def _default_language_and_zone():
    """Each test starts in English and UTC: a request as a Spanish or Arabic member activates
    that language for the thread, and it would otherwise leak into the next test."""
    from django.utils import timezone, translation

    translation.activate(settings.LANGUAGE_CODE)
    timezone.deactivate()
    yield
    translation.activate(settings.LANGUAGE_CODE)
    timezone.deactivate()
