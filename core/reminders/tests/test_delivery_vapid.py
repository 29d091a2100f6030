"""VAPID keys: from the environment (PEM or base64url), or made once and kept in .vapid/."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.exceptions import ImproperlyConfigured

from core.reminders.delivery import vapid


@pytest.fixture
def clean(monkeypatch, settings, tmp_path):
    for name in ("VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY", "VAPID_SUBJECT"):
        monkeypatch.delenv(name, raising=False)
    settings.VAPID_KEY_DIR = tmp_path / ".vapid"
    return tmp_path / ".vapid"


def new_key():
    return ec.generate_private_key(ec.SECP256R1())


def test_a_key_is_made_once_on_first_use_and_kept(clean):
    first = vapid.application_server_key()
    key_file = clean / "private_key.pem"
    assert key_file.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    vapid._cache.clear()  # as a new process would
    assert vapid.application_server_key() == first
    assert len(vapid.b64url_decode(first)) == 65


def test_a_pem_key_from_the_environment_is_used(clean, monkeypatch):
    key = new_key()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    monkeypatch.setenv("VAPID_PRIVATE_KEY", pem.replace("\n", "\\n"))  # as an .env file carries it
    expected = vapid.b64url(key.public_key().public_bytes(serialization.Encoding.X962,
                                                          serialization.PublicFormat.UncompressedPoint))
    monkeypatch.setenv("VAPID_PUBLIC_KEY", expected)
    assert vapid.application_server_key() == expected
    assert not clean.exists()


def test_a_base64url_key_from_the_environment_is_used(clean, monkeypatch):
    key = new_key()
    monkeypatch.setenv("VAPID_PRIVATE_KEY", vapid.b64url(key.private_numbers().private_value.to_bytes(32, "big")))
    assert vapid.get_vapid().public_key.public_numbers() == key.public_key().public_numbers()


def test_a_public_key_that_does_not_match_stops_start_up(clean, monkeypatch):
    monkeypatch.setenv("VAPID_PRIVATE_KEY", vapid.b64url(new_key().private_numbers().private_value.to_bytes(32, "big")))
    monkeypatch.setenv("VAPID_PUBLIC_KEY", "BAAA")
    with pytest.raises(ImproperlyConfigured, match="VAPID_PUBLIC_KEY"):
        vapid.get_vapid()


def test_a_malformed_key_stops_start_up_with_its_name(clean, monkeypatch):
    monkeypatch.setenv("VAPID_PRIVATE_KEY", "not a key")
    with pytest.raises(ImproperlyConfigured, match="VAPID_PRIVATE_KEY"):
        vapid.get_vapid()


def test_the_subject_defaults_to_a_local_mailto(clean, monkeypatch):
    assert vapid.subject() == "mailto:admin@localhost"
    monkeypatch.setenv("VAPID_SUBJECT", "mailto:care@tend.example.org")
    assert vapid.subject() == "mailto:care@tend.example.org"
