"""Who may change a log entry: its author, or an owner of the circle; never a viewer."""

from django.core.exceptions import PermissionDenied


def ensure_can_change(access, entry):
    if not access.can_write:
        raise PermissionDenied
    if not (access.is_owner or entry.recorded_by_id == access.membership.user_id):
        raise PermissionDenied
