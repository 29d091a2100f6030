"""Settings are strict and production settings pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false", "SECRET_KEY": "x7!kq2-production-like-secret-key-with-plenty-of-entropy-9f3a$%",
    "ALLOWED_HOSTS": "tend.example.org", "DATABASE_URL": "sqlite:////tmp/tend-deploy-check.sqlite3",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, **env})


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_stops_start_up_with_its_name():
    result = manage("check", **{**PRODUCTION, "DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG must be true or false" in result.stderr


def test_database_url_selects_postgresql():
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'caregiver.settings'; "
            "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])")
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": "postgres://u:p@db.internal:5432/tend"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "django.db.backends.postgresql"
