"""VAPID: how the browsers' push services know the notifications come from us.

The key comes from the environment (``VAPID_PRIVATE_KEY`` as PEM or base64url, with
``VAPID_PUBLIC_KEY`` checked against it if given, and ``VAPID_SUBJECT``), or is made
once on first use and kept in ``.vapid/`` at the project root. It must stay the same
across restarts: every browser subscription is tied to the public key it was made with,
and a new key silently orphans them all.
"""

import base64
import os
import tempfile
import threading
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from py_vapid import Vapid

DEFAULT_SUBJECT = "mailto:admin@localhost"
KEY_FILE = "private_key.pem"

_lock = threading.Lock()
_cache = {}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    text = text.strip()
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_dir() -> Path:
    configured = getattr(settings, "VAPID_KEY_DIR", None)
    if configured:
        return Path(configured)
    if getattr(settings, "TESTING", False):
        # Like SECRET_KEY, test runs get a throwaway key, not the developer's (one, reused).
        return Path(tempfile.gettempdir()) / f"tend-test-vapid-{os.getuid()}"
    return Path(settings.BASE_DIR) / ".vapid"


def subject() -> str:
    return os.environ.get("VAPID_SUBJECT", "").strip() or DEFAULT_SUBJECT


def get_vapid() -> Vapid:
    """The signing key, loaded once per process (and again if its source changes)."""
    source = (os.environ.get("VAPID_PRIVATE_KEY", "").strip(), os.environ.get("VAPID_PUBLIC_KEY", "").strip(),
              str(key_dir()))
    with _lock:
        if source not in _cache:
            _cache.clear()
            _cache[source] = _load(*source)
        return _cache[source]


def application_server_key() -> str:
    """The public key, as ``pushManager.subscribe`` wants it (uncompressed point, base64url)."""
    return public_key_b64(get_vapid())


def public_key_b64(vapid: Vapid) -> str:
    return b64url(vapid.public_key.public_bytes(serialization.Encoding.X962,
                                                serialization.PublicFormat.UncompressedPoint))


def _load(private, public, directory):
    vapid = _from_environment(private) if private else _from_directory(Path(directory))
    if private and public and public_key_b64(vapid) != public.rstrip("="):
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY")
    return vapid


def _from_environment(value):
    try:
        if "-----BEGIN" in value:
            # Environment files often carry a PEM on one line with literal "\n".
            key = serialization.load_pem_private_key(value.replace("\\n", "\n").encode(), password=None)
        else:
            raw = b64url_decode(value)
            if len(raw) == 32:
                key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
            else:
                key = serialization.load_der_private_key(raw, password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"VAPID_PRIVATE_KEY is neither a PEM nor a base64url key: {error}") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ImproperlyConfigured("VAPID_PRIVATE_KEY must be an EC P-256 (prime256v1) key")
    return Vapid(key)


def _from_directory(directory: Path):
    path = directory / KEY_FILE
    if not path.exists():
        _generate(directory, path)
    try:
        return Vapid(serialization.load_pem_private_key(path.read_bytes(), password=None))
    except ValueError as error:
        raise ImproperlyConfigured(f"{path} is not a PEM private key: {error}") from None


def _generate(directory: Path, path: Path):
    """Write a new key so that two processes starting together agree on one:
    each writes a temporary file, and only the first hard link to the final name wins."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fresh = Vapid()
        fresh.generate_keys()
        pem = fresh.private_pem()
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".new-key-")
        try:
            os.fchmod(handle, 0o600)
            os.write(handle, pem)
            os.fsync(handle)
        finally:
            os.close(handle)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process was first: use its key
        finally:
            os.unlink(temporary)
    except OSError as error:
        raise ImproperlyConfigured(
            f"Cannot keep a VAPID key in {directory} ({error}); set VAPID_PRIVATE_KEY instead") from None
