"""Fixtures shared by the delivery tests: the fake push service on 127.0.0.1 and a VAPID key."""

from .fake_push import push_service, vapid_key  # noqa: F401 (pytest finds fixtures by name here)
